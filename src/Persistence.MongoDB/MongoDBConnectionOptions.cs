using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace CineMatch.Persistence.MongoDB;

/// <summary>Where a MongoDB provider connects; every provider of this project has its own options deriving from it.</summary>
public abstract class MongoDBConnectionOptions
{
    public const string DefaultDatabaseName = "cinematch_db";

    /// <summary>A <c>mongodb://</c> URL; ignored when <see cref="Client"/> is set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>A client to share (a host that already has one, or a test); takes precedence over the connection string.</summary>
    public IMongoClient? Client { get; set; }

    public string DatabaseName { get; set; } = DefaultDatabaseName;

    /// <summary>
    /// The database handle. Creating a <see cref="MongoClient"/> per provider is cheap: the driver shares one
    /// connection pool between clients built from the same settings.
    /// </summary>
    public IMongoDatabase GetDatabase() => (Client ?? new MongoClient(ConnectionString)).GetDatabase(DatabaseName);

    /// <summary>Why these options cannot work, or null when they can.</summary>
    public virtual string? Problem()
    {
        if (Client is null && string.IsNullOrWhiteSpace(ConnectionString))
        {
            return "set ConnectionString or Client";
        }

        if (Client is null)
        {
            try
            {
                _ = MongoUrl.Create(ConnectionString);
            }
            catch (MongoConfigurationException e)
            {
                return $"ConnectionString is not a MongoDB URL: {e.Message}";
            }
        }

        return string.IsNullOrWhiteSpace(DatabaseName) ? "DatabaseName is empty" : null;
    }
}

/// <summary>Checks any MongoDB options at startup (with <c>ValidateOnStart</c>), so a bad setting stops the silo, not the first write.</summary>
internal sealed class MongoDBOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : MongoDBConnectionOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        options.Problem() is { } problem
            ? ValidateOptionsResult.Fail($"{typeof(TOptions).Name} '{name}': {problem}")
            : ValidateOptionsResult.Success;
}
