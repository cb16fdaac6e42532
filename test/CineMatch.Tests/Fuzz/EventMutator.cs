using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using static CineMatch.Tests.Fuzz.FuzzExpectation;

namespace CineMatch.Tests.Fuzz;

/// <summary>
/// Turns a valid event into one odd record, reproducibly from its seed: wrong types in every field, missing and
/// empty values, numbers out of range, odd Unicode, invalid UTF-8, huge strings and arrays, deep nesting,
/// duplicate keys, truncations. Each case carries what the contract says about it, worked out here from the
/// mutation, never from the project's parser.
/// </summary>
public sealed class EventMutator(int seed)
{
    private const string RawMarker = "@@raw";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    private static readonly string[] RequiredStrings = ["event_type", "user_id", "movie.name", "timestamp"];
    private static readonly string[] OptionalStrings = ["movie.imdb_id", "movie.director", "movie.actors", "movie.date"];
    private static readonly string[] Integers = ["movie.year", "movie.rating", "movie.duration", "movie.old_rating", "movie.new_rating"];
    private static readonly string[] TextFields = ["user_id", "movie.name", "movie.director", "movie.actors", "movie.imdb_id"];

    private static readonly string[] WrongForString = ["42", "true", "false", "{}", "[]", "[\"x\"]", "0.5", "{\"name\":\"x\"}"];
    private static readonly string[] WrongForInteger = ["\"5\"", "true", "{}", "[]", "[5]", "4.5", "0.1", "-2.5", "1e309", "-1e309", "5.000001", "\"\""];
    private static readonly string[] OutOfRangeIntegers = ["2147483648", "-2147483649", "9223372036854775808", "-9223372036854775809", "1e20", "99999999999999999999999999999"];
    private static readonly string[] IntegralNumbers = ["4.0", "-0", "4e0", "40E-1", "0.0", "-0.0", "1979.00"];
    private static readonly string[] WrongForGenres = ["\"Drama\"", "5", "{}", "[1]", "[null]", "[[\"Drama\"]]", "[true]", "[\"Drama\",{}]"];
    private static readonly string[] WrongForMovie = ["\"Heat\"", "5", "[]", "true", "[{\"name\":\"Heat\"}]"];
    private static readonly string[] NotAnEventObject = ["", " ", "\n\t ", "null", "[]", "{}", "\"text\"", "0", "true", "[{}]", "{\"event_type\":\"ADD\"}"];

    private static readonly string[] OddUnicode =
    [
        "\u202E", "\u200F", "\u0301", "e\u0301\u0302\u0303\u0304", "\u0000", "\U0001F3AC", "\uFEFF", "\u200D", "\uFFFF", "\u0085",
        "\u2028", "مرحبا بالعالم", "שלום", "\t\n\r", "Z\u0351\u0352\u0353\u0354\u0355", "\u00A0", "\U0010FFFF", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    ];

    private static readonly string[] LoneSurrogates = ["\\ud800", "\\udfff", "\\udc00\\ud800", "\\ud83c", "a\\ud800b"];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xFE], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC3],
    ];

    private static readonly string[] UnknownEventTypes = ["EXPLODE", "ADD ", " ADD", "ADD\\u0000", "ADDX", "REMOVE", "Ａdd", "ADD_RATING", "0"];

    private readonly Random _random = new(seed);

    /// <summary>One mutation of <paramref name="valid"/> (left unchanged), chosen at random.</summary>
    public FuzzCase Mutate(JsonObject valid)
    {
        var e = (JsonObject)valid.DeepClone();
        return _random.Next(15) switch
        {
            0 => WrongType(e),
            1 => NullOrMissing(e),
            2 => Empty(e),
            3 => Numbers(e),
            4 => Unicode(e),
            5 => Huge(e),
            6 => DeepNesting(e),
            7 => DuplicateKey(e),
            8 => Truncated(e),
            9 => NotUtf8(e),
            10 => EventType(e),
            11 => Timestamp(e),
            12 => UnknownFields(e),
            13 => Formatting(e),
            _ => NotAnEvent(),
        };
    }

    public static byte[] Serialize(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString(Compact));

    private FuzzCase WrongType(JsonObject e)
    {
        var field = Pick([.. RequiredStrings, .. OptionalStrings, .. Integers, "movie.genres", "movie", "(root)"]);
        if (field == "(root)")
        {
            var root = Pick(["[" + e.ToJsonString(Compact) + "]", "\"an event\"", "5", "true", "null"]);
            return new FuzzCase(Encoding.UTF8.GetBytes(root), Bad, "wrong type: the root");
        }

        var raw = field switch
        {
            "movie.genres" => Pick(WrongForGenres),
            "movie" => Pick(WrongForMovie),
            _ when Integers.Contains(field) => Pick(WrongForInteger),
            _ => Pick(WrongForString),
        };
        return Case(e, field, raw, Bad, $"wrong type: {field} = {raw}", field);
    }

    private FuzzCase NullOrMissing(JsonObject e)
    {
        var field = Pick([.. RequiredStrings, .. OptionalStrings, .. Integers, "movie.genres", "movie"]);
        var required = RequiredStrings.Contains(field) || field == "movie";
        var missing = _random.Next(2) == 0;
        if (missing)
        {
            Remove(e, field);
        }
        else
        {
            Set(e, field, null);
        }

        return new FuzzCase(Serialize(e), required ? Bad : Valid, $"{(missing ? "missing" : "null")} {field}", required ? field : null);
    }

    private FuzzCase Empty(JsonObject e)
    {
        var field = Pick([.. RequiredStrings, .. OptionalStrings, "movie.genres", "movie", "(root)"]);
        switch (field)
        {
            case "(root)":
                return new FuzzCase("{}"u8.ToArray(), Bad, "empty object");
            case "movie":
                Set(e, field, new JsonObject());
                return new FuzzCase(Serialize(e), Bad, "empty movie", "movie.name");
            case "movie.genres":
                Set(e, field, new JsonArray());
                return new FuzzCase(Serialize(e), Valid, "empty genres");
        }

        var blank = Pick(["", " ", "\t\n", "\u00A0\u2003"]);
        Set(e, field, blank);
        var required = RequiredStrings.Contains(field);
        return new FuzzCase(Serialize(e), required ? Bad : Valid, $"blank {field}", required ? field : null);
    }

    /// <summary>Integral numbers written oddly are integers (CONTRACT section 1: 4.0 is 4); beyond 32 bits the contract says nothing.</summary>
    private FuzzCase Numbers(JsonObject e)
    {
        var field = Pick(Integers);
        return _random.Next(2) == 0
            ? Case(e, field, Pick(IntegralNumbers), Valid, $"integral number in {field}")
            : Case(e, field, Pick(OutOfRangeIntegers), Either, $"integer out of range in {field}");
    }

    private FuzzCase Unicode(JsonObject e)
    {
        var field = Pick([.. TextFields, "movie.genres"]);
        if (_random.Next(4) == 0)
        {
            // A lone surrogate can only be written as an escape; RFC 8259 leaves its meaning open.
            var text = Read(e, field) ?? "x";
            var escaped = JsonSerializer.Serialize(text, Compact)[1..^1];
            var at = _random.Next(escaped.Length + 1);
            var raw = "\"" + escaped[..at] + Pick(LoneSurrogates) + escaped[at..] + "\"";
            return Case(e, field, field == "movie.genres" ? "[" + raw + "]" : raw, Either, $"lone surrogate in {field}");
        }

        var odd = Pick(OddUnicode);
        if (field == "movie.genres")
        {
            Set(e, field, new JsonArray("Drama", Insert("Comedy", odd)));
        }
        else
        {
            Set(e, field, Insert(Read(e, field) ?? "x", odd));
        }

        return new FuzzCase(Serialize(e), Valid, $"odd Unicode in {field}: U+{char.ConvertToUtf32(odd, 0):X4}...");
    }

    private FuzzCase Huge(JsonObject e)
    {
        var size = _random.Next(10_000, 60_000);
        switch (_random.Next(4))
        {
            case 0:
                var genres = new JsonArray();
                for (var i = 0; i < size / 20; i++)
                {
                    genres.Add($"Genre {i % 40}");
                }

                Set(e, "movie.genres", genres);
                return new FuzzCase(Serialize(e), Valid, $"huge genres array ({genres.Count} items)");
            case 1:
                var numbers = string.Join(",", Enumerable.Range(0, size / 5));
                return Case(e, "tags", "[" + numbers + "]", Either, "huge unknown array");
            default:
                var field = Pick([.. TextFields, "movie.date"]);
                // user_id is also the record key and the grain key: large, not absurd.
                var length = field == "user_id" ? size / 10 : size;
                var text = new StringBuilder(Read(e, field) ?? "x");
                while (text.Length < length)
                {
                    text.Append(_random.Next(3) == 0 ? "Ünïcødé " : "abcdefghij ");
                }

                Set(e, field, text.ToString());
                return new FuzzCase(Serialize(e), Valid, $"huge {field} ({text.Length} chars)");
        }
    }

    private FuzzCase DeepNesting(JsonObject e)
    {
        var depth = Pick([2, 8, 60, 61, 62, 63, 64, 65, 200, 5_000]);
        var arrays = _random.Next(2) == 0;
        var open = arrays ? "[" : "{\"a\":";
        var close = arrays ? "]" : "}";
        var nested = string.Concat(Enumerable.Repeat(open, depth)) + (arrays ? "" : "1") + string.Concat(Enumerable.Repeat(close, depth));
        if (_random.Next(3) == 0)
        {
            // In genres the first item is not a string. Past the reader's depth limit the whole record is unreadable, so
            // no field can be named: genres sits at depth 3, its items' nesting adds to that.
            var inGenres = "[" + nested + "]";
            return Case(e, "movie.genres", inGenres, Bad, $"nesting {depth} deep in genres", depth + 3 <= 64 ? "movie.genres" : null);
        }

        return Case(e, _random.Next(2) == 0 ? "extra" : "movie.extra", nested, Either, $"nesting {depth} deep in an unknown field");
    }

    private FuzzCase DuplicateKey(JsonObject e)
    {
        var (key, value) = Pick<(string, string)>(
        [
            ("user_id", "\"someone-else\""), ("event_type", "\"EXPLODE\""), ("event_type", "\"DELETE\""), ("timestamp", "\"garbage\""),
            ("timestamp", "\"2026-01-01T00:00:00+00:00\""), ("movie", "5"), ("user_id", "7"),
        ]);
        var text = e.ToJsonString(Compact);
        var first = _random.Next(2) == 0;
        var mutated = first ? "{\"" + key + "\":" + value + "," + text[1..] : text[..^1] + ",\"" + key + "\":" + value + "}";
        return new FuzzCase(Encoding.UTF8.GetBytes(mutated), Either, $"duplicate key {key} ({(first ? "first" : "last")})");
    }

    private FuzzCase Truncated(JsonObject e)
    {
        var bytes = Serialize(e);
        var length = _random.Next(bytes.Length);
        return new FuzzCase(bytes[..length], Bad, $"truncated to {length} of {bytes.Length} bytes");
    }

    /// <summary>Bytes that are not UTF-8: the contract's records are UTF-8 JSON, so the record is bad wherever they sit.</summary>
    private FuzzCase NotUtf8(JsonObject e)
    {
        var bad = Pick(InvalidUtf8);
        var field = Pick([.. TextFields, "movie.date", "note", "movie.note", "(between tokens)"]);
        byte[] bytes;
        if (field == "(between tokens)")
        {
            bytes = [(byte)'{', .. bad, .. Serialize(e)[1..]];
        }
        else
        {
            Set(e, field, Insert(Read(e, field) ?? "x", RawMarker));
            bytes = Replace(Serialize(e), Encoding.UTF8.GetBytes(RawMarker), bad);
        }

        return new FuzzCase(bytes, Bad, $"invalid UTF-8 {Convert.ToHexString(bad)} in {field}");
    }

    private FuzzCase EventType(JsonObject e)
    {
        var wire = Read(e, "event_type")!;
        if (_random.Next(2) == 0)
        {
            var mixed = string.Concat(wire.Select(c => _random.Next(2) == 0 ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)));
            Set(e, "event_type", mixed);
            return new FuzzCase(Serialize(e), Valid, $"event_type in mixed case: {mixed}");
        }

        var unknown = Pick(UnknownEventTypes);
        return Case(e, "event_type", "\"" + unknown + "\"", Bad, $"unknown event_type {unknown}", "event_type");
    }

    private FuzzCase Timestamp(JsonObject e)
    {
        var at = DateTimeOffset.Parse(Read(e, "timestamp")!, CultureInfo.InvariantCulture);
        string Format(string format) => at.ToString(format, CultureInfo.InvariantCulture);
        var (text, expected) = Pick<(string, FuzzExpectation)>(
        [
            (Format("yyyy-MM-dd HH:mm:ss.ffffffzzz"), Valid),
            (at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), Valid),
            (Format("yyyy-MM-dd'T'HH:mm:ss.fffffff") + Format("zzz").Replace(":", ""), Valid),
            (Format("yyyy-MM-dd'T'HH:mmzzz"), Valid),
            (Format("yyyy-MM-dd'T'HH:mm:ss.ffffff"), Either),
            (Format("yyyy-MM-dd"), Either),
            (Format("yyyy-MM-dd'T'HH:mm:ss.ffffff") + "123" + Format("zzz"), Either),
            (Format("yyyy-MM-dd'T'HH:mm:ss") + "+25:00", Either),
            ("yesterday", Bad),
            ("2026-13-40T25:61:00+01:00", Bad),
            ("1737317051", Bad),
            ("2026-01-19T21:04:11+01:00 trailing", Bad),
            ("T", Bad),
        ]);
        Set(e, "timestamp", text);
        return new FuzzCase(Serialize(e), expected, $"timestamp {text}", expected == Bad ? "timestamp" : null);
    }

    private FuzzCase UnknownFields(JsonObject e)
    {
        var (key, value) = Pick<(string, JsonNode?)>(
        [
            ("extra", 1), ("Event_Type", "EXPLODE"), ("USER_ID", 5), ("movie.Name", 7), ("movie.extra", new JsonArray(1, "two", null)),
            ("", "empty key"), ("movie.rating_", "x"), ("\u0000", true),
        ]);
        Set(e, key, value);
        return new FuzzCase(Serialize(e), Either, $"unknown field '{key}'");
    }

    private FuzzCase Formatting(JsonObject e) => _random.Next(3) switch
    {
        0 => new FuzzCase(Encoding.UTF8.GetBytes(e.ToJsonString(Indented)), Valid, "indented over several lines"),
        1 => new FuzzCase(Encoding.UTF8.GetBytes(" \r\n\t" + e.ToJsonString(Compact) + "\n \t"), Valid, "white space around"),
        _ => new FuzzCase([0xEF, 0xBB, 0xBF, .. Serialize(e)], Either, "UTF-8 byte order mark before"),
    };

    private FuzzCase NotAnEvent()
    {
        var text = Pick(NotAnEventObject);
        return new FuzzCase(Encoding.UTF8.GetBytes(text), Bad, $"not an event: '{text}'");
    }

    /// <summary>The event with <paramref name="field"/> holding <paramref name="rawJson"/> exactly as written.</summary>
    private static FuzzCase Case(JsonObject e, string field, string rawJson, FuzzExpectation expected, string mutation, string? blamed = null)
    {
        Set(e, field, RawMarker);
        var bytes = Replace(Serialize(e), Encoding.UTF8.GetBytes("\"" + RawMarker + "\""), Encoding.UTF8.GetBytes(rawJson));
        return new FuzzCase(bytes, expected, mutation, blamed);
    }

    private string Insert(string text, string inserted)
    {
        var at = _random.Next(text.Length + 1);
        if (at > 0 && at < text.Length && char.IsLowSurrogate(text[at]))
        {
            at--;
        }

        return text[..at] + inserted + text[at..];
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static (JsonObject Parent, string Name) Locate(JsonObject e, string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? (e, path) : ((JsonObject)e[path[..dot]]!, path[(dot + 1)..]);
    }

    private static void Set(JsonObject e, string path, JsonNode? value)
    {
        var (parent, name) = Locate(e, path);
        parent[name] = value;
    }

    private static void Remove(JsonObject e, string path)
    {
        var (parent, name) = Locate(e, path);
        parent.Remove(name);
    }

    private static string? Read(JsonObject e, string path)
    {
        var (parent, name) = Locate(e, path);
        return parent[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }

    private static byte[] Replace(byte[] bytes, byte[] marker, byte[] replacement)
    {
        var at = bytes.AsSpan().IndexOf(marker);
        return [.. bytes[..at], .. replacement, .. bytes[(at + marker.Length)..]];
    }
}
