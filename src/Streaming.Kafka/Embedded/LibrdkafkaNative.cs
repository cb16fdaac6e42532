using System.Reflection;
using System.Runtime.InteropServices;

namespace CineMatch.Streaming.Kafka.Embedded;

/// <summary>
/// The slice of librdkafka's C API that runs its in-process mock cluster. The calls must reach the very
/// library Confluent.Kafka loaded: on Debian 12 the package's default <c>librdkafka.so</c> cannot load
/// (it needs libsasl2.so.3) and Confluent.Kafka silently falls back to another build, so a plain
/// <c>[DllImport("librdkafka")]</c> would bind to nothing or to a different copy.
/// </summary>
internal static class LibrdkafkaNative
{
    private const string Library = "librdkafka";
    private const int ProducerType = 0;

    private static readonly Lazy<string> LoadedPath = new(ResolveAndRegister, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The path of the librdkafka that Confluent.Kafka loaded into this process.</summary>
    public static string Path => LoadedPath.Value;

    public static void EnsureResolved() => _ = LoadedPath.Value;

    private static string ResolveAndRegister()
    {
        // Reading Library.Version forces Confluent.Kafka to load its native library (with its fallbacks).
        _ = Confluent.Kafka.Library.Version;
        var path = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6)
            .Select(fields => string.Join(' ', fields.Skip(5)))
            .FirstOrDefault(file => System.IO.Path.GetFileName(file).Contains("librdkafka", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("Confluent.Kafka did not map a librdkafka into this process (/proc/self/maps).");

        NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaNative).Assembly, (name, _, _) =>
            name == Library ? NativeLibrary.Load(path) : IntPtr.Zero);
        return path;
    }

    public static IntPtr NewProducerHandle()
    {
        var errors = new byte[512];
        var conf = rd_kafka_conf_new();
        // This handle only hosts the mock cluster; it never connects, so its "no bootstrap.servers" notice is noise.
        _ = rd_kafka_conf_set(conf, "log_level", "3", errors, (UIntPtr)errors.Length);
        var handle = rd_kafka_new(ProducerType, conf, errors, (UIntPtr)errors.Length);
        if (handle == IntPtr.Zero)
        {
            throw new InvalidOperationException("rd_kafka_new failed: " + System.Text.Encoding.UTF8.GetString(errors).TrimEnd('\0'));
        }

        return handle;
    }

    public static string Bootstraps(IntPtr cluster) =>
        Marshal.PtrToStringUTF8(rd_kafka_mock_cluster_bootstraps(cluster))
        ?? throw new InvalidOperationException("The mock cluster has no bootstrap servers.");

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_conf_new();

    [DllImport(Library)]
    private static extern int rd_kafka_conf_set(IntPtr conf, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, byte[] errstr, UIntPtr errstrSize);

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_new(int type, IntPtr conf, byte[] errstr, UIntPtr errstrSize);

    [DllImport(Library)]
    public static extern void rd_kafka_destroy(IntPtr handle);

    [DllImport(Library)]
    public static extern IntPtr rd_kafka_mock_cluster_new(IntPtr handle, int brokerCount);

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

    [DllImport(Library)]
    public static extern int rd_kafka_mock_topic_create(IntPtr cluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitions, int replicationFactor);

    [DllImport(Library)]
    public static extern void rd_kafka_mock_set_controller_id(IntPtr cluster, int brokerId);

    [DllImport(Library)]
    public static extern void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr cluster, int delayMs);

    [DllImport(Library)]
    public static extern void rd_kafka_mock_broker_set_host_port(IntPtr cluster, int brokerId, [MarshalAs(UnmanagedType.LPUTF8Str)] string host, int port);

    [DllImport(Library)]
    public static extern void rd_kafka_mock_cluster_destroy(IntPtr cluster);
}
