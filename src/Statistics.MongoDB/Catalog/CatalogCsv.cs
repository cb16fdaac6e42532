using System.Text;
using MongoDB.Bson;

namespace CineMatch.Statistics.MongoDB.Catalog;

/// <summary>
/// A catalog CSV (RFC 4180: a header row with the <c>movies_catalog</c> field names, quoted cells may hold
/// commas, quotes and line breaks) as rows of strings; <see cref="BsonFields"/> reads numbers and lists from them.
/// </summary>
internal static class CatalogCsv
{
    public static IReadOnlyList<BsonDocument> Read(string text)
    {
        var records = Records(text).ToList();
        if (records.Count == 0)
        {
            return [];
        }

        var header = records[0].Select(name => name.Trim()).ToList();
        return records.Skip(1)
            .Where(cells => cells.Any(cell => cell.Length > 0))
            .Select(cells => new BsonDocument(header.Zip(cells).Where(c => c.Second.Length > 0).Select(c => new BsonElement(c.First, c.Second))))
            .ToList();
    }

    private static IEnumerable<List<string>> Records(string text)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    cell.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                cells.Add(cell.ToString());
                cell.Clear();
                yield return cells;
                cells = [];
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            yield return cells;
        }
    }
}
