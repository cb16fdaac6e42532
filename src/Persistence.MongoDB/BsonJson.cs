using System.Globalization;
using System.Text.Json;
using MongoDB.Bson;

namespace CineMatch.Persistence.MongoDB;

/// <summary>
/// Turns objects into BSON through System.Text.Json and back, so that a stored document has exactly the
/// field names the JSON options give (snake_case for the contract documents) and stays readable in any
/// MongoDB tool. Walking the JSON tree ourselves, instead of parsing text as extended JSON, keeps keys
/// such as <c>"$date"</c> or film titles with dots literal.
/// </summary>
public static class BsonJson
{
    public static BsonValue ToBson<T>(T value, JsonSerializerOptions options) =>
        ToBson(JsonSerializer.SerializeToElement(value, options));

    public static BsonDocument ToBsonDocument<T>(T value, JsonSerializerOptions options) =>
        ToBson(value, options) as BsonDocument
        ?? throw new ArgumentException($"{typeof(T).Name} does not serialize to a JSON object.", nameof(value));

    public static T? FromBson<T>(BsonValue value, JsonSerializerOptions options)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(value, writer);
        }

        return JsonSerializer.Deserialize<T>(buffer.WrittenSpan, options);
    }

    public static BsonValue ToBson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new BsonDocument(element.EnumerateObject().Select(p => new BsonElement(p.Name, ToBson(p.Value)))),
        JsonValueKind.Array => new BsonArray(element.EnumerateArray().Select(ToBson)),
        JsonValueKind.String => new BsonString(element.GetString()),
        JsonValueKind.Number => Number(element),
        JsonValueKind.True => BsonBoolean.True,
        JsonValueKind.False => BsonBoolean.False,
        _ => BsonNull.Value,
    };

    // Integers stay integers (Int32 when they fit, as mongod and pymongo store them); anything written
    // with a fraction or an exponent is a double.
    private static BsonValue Number(JsonElement element)
    {
        var text = element.GetRawText();
        if (text.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
        {
            if (element.TryGetInt32(out var small))
            {
                return new BsonInt32(small);
            }

            if (element.TryGetInt64(out var large))
            {
                return new BsonInt64(large);
            }

            if (element.TryGetDecimal(out var huge))
            {
                return new BsonDecimal128(huge);
            }
        }

        return new BsonDouble(element.GetDouble());
    }

    private static void Write(BsonValue value, Utf8JsonWriter writer)
    {
        switch (value.BsonType)
        {
            case BsonType.Document:
                writer.WriteStartObject();
                foreach (var element in value.AsBsonDocument)
                {
                    writer.WritePropertyName(element.Name);
                    Write(element.Value, writer);
                }

                writer.WriteEndObject();
                break;
            case BsonType.Array:
                writer.WriteStartArray();
                foreach (var item in value.AsBsonArray)
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            case BsonType.String:
                writer.WriteStringValue(value.AsString);
                break;
            case BsonType.Int32:
                writer.WriteNumberValue(value.AsInt32);
                break;
            case BsonType.Int64:
                writer.WriteNumberValue(value.AsInt64);
                break;
            case BsonType.Double:
                writer.WriteNumberValue(value.AsDouble);
                break;
            case BsonType.Decimal128:
                writer.WriteNumberValue(value.AsDecimal);
                break;
            case BsonType.Boolean:
                writer.WriteBooleanValue(value.AsBoolean);
                break;
            case BsonType.Null:
            case BsonType.Undefined:
                writer.WriteNullValue();
                break;
            case BsonType.DateTime:
                writer.WriteStringValue(value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                break;
            default:
                // ObjectId and the rarer types: their string form is what a JSON reader can take.
                writer.WriteStringValue(value.ToString());
                break;
        }
    }
}
