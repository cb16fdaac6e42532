using System.Diagnostics;
using System.Text;
using CineMatch.Streaming.Kafka.DataAdapter;
using Confluent.Kafka;

namespace CineMatch.Streaming.Kafka.Tracing;

/// <summary>
/// W3C trace context through Kafka records, as OpenTelemetry's messaging conventions have it: the producer writes the
/// current activity's context into the record's headers (<c>traceparent</c>, <c>tracestate</c>, through
/// <see cref="DistributedContextPropagator.Current"/>), and the consumer continues it in a <c>process</c> span
/// (activity source <see cref="SourceName"/>, kind Consumer) that is current while Orleans delivers the batch.
/// </summary>
public static class KafkaTracing
{
    /// <summary>Register it with the tracer (e.g. OpenTelemetry's <c>AddSource</c>) for traces to cross the log.</summary>
    public const string SourceName = "CineMatch.Kafka";

    internal const string TraceParentHeader = "traceparent";

    internal const string TraceStateHeader = "tracestate";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>The record's headers for Confluent's client, with the current activity's context unless the record carries its own.</summary>
    internal static Headers? ToHeaders(KafkaMessage message)
    {
        var headers = new Headers();
        foreach (var header in message.Headers ?? [])
        {
            headers.Add(header.Key, header.Value);
        }

        if (Activity.Current is { } activity && !headers.TryGetLastBytes(TraceParentHeader, out _))
        {
            DistributedContextPropagator.Current.Inject(activity, headers, static (carrier, key, value) => ((Headers)carrier!).Add(key, Encoding.UTF8.GetBytes(value)));
        }

        return headers.Count == 0 ? null : headers;
    }

    /// <summary>The consumed message's headers, or null when it has none.</summary>
    internal static IReadOnlyList<KafkaHeader>? FromHeaders(Headers? headers) =>
        headers is { Count: > 0 } ? [.. headers.Select(header => new KafkaHeader(header.Key, header.GetValueBytes()))] : null;

    /// <summary>The W3C trace context the record's producer wrote, if any.</summary>
    internal static (string? TraceParent, string? TraceState) Extract(KafkaRecord record)
    {
        DistributedContextPropagator.Current.ExtractTraceIdAndState(
            record,
            static (carrier, name, out value, out values) =>
            {
                values = null;
                value = ((KafkaRecord)carrier!).Header(name) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
            },
            out var traceParent,
            out var traceState);
        return (traceParent, traceState);
    }

    /// <summary>A Consumer span for a batch, child of its first record's producer; null when nobody listens or the context is not W3C.</summary>
    internal static Activity? StartProcessing(string topic, int partition, long firstOffset, int count, string traceParent, string? traceState)
    {
        if (!ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent))
        {
            return null;
        }

        var activity = Source.StartActivity($"process {topic}", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.operation.type", "process");
        activity?.SetTag("messaging.destination.name", topic);
        activity?.SetTag("messaging.destination.partition.id", partition.ToString(System.Globalization.CultureInfo.InvariantCulture));
        activity?.SetTag("messaging.kafka.offset", firstOffset);
        activity?.SetTag("messaging.batch.message_count", count);
        return activity;
    }
}
