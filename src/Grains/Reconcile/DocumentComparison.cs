using System.Text.Json.Nodes;

namespace CineMatch.Reconcile;

/// <summary>One document's drift: its status and, when it differs, the fields.</summary>
public sealed record DocumentComparison(DriftStatus Status, IReadOnlyList<FieldDifference> Differences)
{
    public static DocumentComparison Of(JsonObject? computed, JsonObject? stored, IEnumerable<string> fields, bool storedExists)
    {
        if (computed is null)
        {
            return new(storedExists ? DriftStatus.Extra : DriftStatus.Same, []);
        }

        if (!storedExists)
        {
            return new(DriftStatus.Missing, []);
        }

        var differences = DocumentDrift.Compare(computed, stored, fields);
        return new(differences.Count > 0 ? DriftStatus.Differs : DriftStatus.Same, differences);
    }

    public bool Drifted => Status != DriftStatus.Same;
}
