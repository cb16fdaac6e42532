namespace CineMatch.Tests.Fuzz;

/// <summary>What the contract (not the project's parser) says about a fuzzed record.</summary>
public enum FuzzExpectation
{
    /// <summary>A valid event: accepted by the gateway, applied by the Kafka path.</summary>
    Valid,

    /// <summary>A bad event (CONTRACT section 6): refused by the gateway, dead-lettered by the Kafka path.</summary>
    Bad,

    /// <summary>The contract leaves it open (duplicate keys, unknown fields, lone surrogates...): only agreement and stability are checked.</summary>
    Either,
}
