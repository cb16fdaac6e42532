using System.Globalization;
using MongoDB.Bson;

namespace CineMatch.Statistics.MongoDB;

/// <summary>
/// Tolerant reads of fields written by other programs (the FastAPI backend, pandas imports, CSV files):
/// a year may be 1998, 1998.0 or "1998", a missing value may be absent, null, "" or NaN.
/// </summary>
internal static class BsonFields
{
    private static readonly char[] ListSeparators = ['|', ','];

    public static string? String(BsonDocument document, string name) => Value(document, name) switch
    {
        null => null,
        { IsString: true } text => string.IsNullOrWhiteSpace(text.AsString) ? null : text.AsString,
        { IsObjectId: true } id => id.AsObjectId.ToString(),
        var other => Convert.ToString(BsonTypeMapper.MapToDotNetValue(other), CultureInfo.InvariantCulture),
    };

    public static int? Int(BsonDocument document, string name) =>
        Double(document, name) is { } number && number == Math.Floor(number) && Math.Abs(number) <= int.MaxValue ? (int)number : null;

    public static double? Double(BsonDocument document, string name) => Value(document, name) switch
    {
        { IsNumeric: true } number when !double.IsNaN(number.ToDouble()) => number.ToDouble(),
        { IsString: true } text when double.TryParse(text.AsString, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && !double.IsNaN(parsed) => parsed,
        _ => null,
    };

    /// <summary>An array of strings, or one string of items separated by '|' or ','.</summary>
    public static IReadOnlyList<string> Strings(BsonDocument document, string name) => Value(document, name) switch
    {
        { IsBsonArray: true } array => array.AsBsonArray.Where(item => item.IsString).Select(item => item.AsString.Trim()).Where(item => item.Length > 0).ToList(),
        { IsString: true } text => text.AsString.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        _ => [],
    };

    /// <summary>A BSON date, or an ISO-8601 string (taken as UTC when it has no offset).</summary>
    public static DateTimeOffset? Time(BsonDocument document, string name) => Value(document, name) switch
    {
        { IsValidDateTime: true } date => new DateTimeOffset(date.ToUniversalTime(), TimeSpan.Zero),
        { IsString: true } text when DateTimeOffset.TryParse(text.AsString, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
        _ => null,
    };

    private static BsonValue? Value(BsonDocument document, string name) =>
        document.TryGetValue(name, out var value) && !value.IsBsonNull && value.BsonType != BsonType.Undefined ? value : null;
}
