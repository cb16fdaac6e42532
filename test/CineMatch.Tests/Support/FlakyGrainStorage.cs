using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace CineMatch.Tests.Support;

/// <summary>
/// Grain storage in memory whose next write can be made to fail, as a store that is briefly unreachable.
/// State is copied in and out, so a grain's memory and what was stored never share objects.
/// </summary>
public sealed class FlakyGrainStorage(DeepCopier copier) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string, GrainId), object?> _stored = new();
    private int _failures;

    /// <summary>The next <paramref name="writes"/> writes throw without storing anything.</summary>
    public void FailNextWrites(int writes) => Interlocked.Exchange(ref _failures, writes);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_stored.TryGetValue((stateName, grainId), out var state))
        {
            grainState.State = copier.Copy((T)state!);
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Interlocked.Decrement(ref _failures) >= 0)
        {
            throw new TimeoutException("storage unreachable (test)");
        }

        _stored[(stateName, grainId)] = copier.Copy(grainState.State);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _stored.TryRemove((stateName, grainId), out _);
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
