namespace CineMatch.Reconcile;

/// <summary>How a stored document stands against the computed one.</summary>
public enum DriftStatus
{
    Same,
    /// <summary>Both exist and some compared field differs.</summary>
    Differs,
    /// <summary>Computed, not stored.</summary>
    Missing,
    /// <summary>Stored, but the source of truth gives none.</summary>
    Extra,
}
