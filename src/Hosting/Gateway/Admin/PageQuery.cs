using System.Globalization;

namespace CineMatch.Hosting.Gateway.Admin;

/// <summary><c>?page=&amp;size=</c> of the paged admin lists, with messages that name the bad parameter.</summary>
public readonly record struct PageQuery(int Page, int Size)
{
    public const int DefaultSize = 50;

    public const int MaxSize = 500;

    public static (PageQuery Query, Dictionary<string, string[]> Errors) Parse(string? page, string? size)
    {
        var errors = new Dictionary<string, string[]>();
        var pageNumber = Read("page", page, 1, 1, int.MaxValue, errors);
        var pageSize = Read("size", size, DefaultSize, 1, MaxSize, errors);
        return (new PageQuery(pageNumber, pageSize), errors);
    }

    private static int Read(string name, string? text, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = [$"{name} must be a whole number from {min} to {max}, not '{text}'"];
        return fallback;
    }
}
