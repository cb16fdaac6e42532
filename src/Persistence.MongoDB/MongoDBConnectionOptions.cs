using System.ComponentModel.DataAnnotations;
using MongoDB.Driver;

namespace CineMatch.Persistence.MongoDB;

/// <summary>
/// Where a MongoDB provider connects; every provider of this package has its own options deriving from it.
/// The rules are DataAnnotations (checked by <c>ValidateDataAnnotations</c> when the host starts), so a bad
/// setting stops the silo or client instead of failing its first write.
/// </summary>
public abstract class MongoDBConnectionOptions : IValidatableObject
{
    /// <summary>A <c>mongodb://</c> URL; ignored when <see cref="Client"/> is set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>A client to share (a host that already has one, or a test); takes precedence over the connection string.</summary>
    public IMongoClient? Client { get; set; }

    /// <summary>
    /// The database that holds the provider's collections. Required: there is no default, because the same
    /// server usually serves several applications and guessing one of their databases would be worse than asking.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "DatabaseName is required: set it to the MongoDB database that should hold the collections.")]
    public string DatabaseName { get; set; } = string.Empty;

    /// <summary>
    /// The database handle. Creating a <see cref="MongoClient"/> per provider is cheap: the driver shares one
    /// connection pool between clients built from the same settings.
    /// </summary>
    public IMongoDatabase GetDatabase() => (Client ?? new MongoClient(ConnectionString)).GetDatabase(DatabaseName);

    /// <summary>The rules across properties: a client or a usable URL. Subclasses with rules of their own add to these.</summary>
    public virtual IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Client is not null)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("set ConnectionString or Client: neither is set.", [nameof(ConnectionString), nameof(Client)]);
            yield break;
        }

        if (ConnectionProblem(ConnectionString) is { } problem)
        {
            yield return new ValidationResult($"ConnectionString is not a MongoDB URL: {problem}", [nameof(ConnectionString)]);
        }
    }

    private static string? ConnectionProblem(string connectionString)
    {
        try
        {
            _ = MongoUrl.Create(connectionString);
            return null;
        }
        catch (MongoConfigurationException e)
        {
            return e.Message;
        }
    }
}
