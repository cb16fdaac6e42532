using CineMatch.Streaming.Kafka.Hosting;
using CineMatch.Streaming.Kafka.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime;

namespace CineMatch.Tests.Kafka;

public sealed class KafkaOptionsValidationTests
{
    private static OrleansConfigurationException? Validate(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        services.AddOptions();
        KafkaOptionsRegistration.AddValidatedOptions(services, "p");
        // What every receiving provider must name; the tests below break it or leave it.
        services.Configure<KafkaConsumerOptions>("p", o => (o.Topics, o.ConsumerGroup) = (["t"], "g"));
        services.Configure<KafkaPublisherOptions>("p", o => o.Topic = "t");
        configure(services);
        using var provider = services.BuildServiceProvider();
        var validator = new KafkaStreamConfigurationValidator(provider, "p", receives: true);
        var failure = Record.Exception(validator.ValidateConfiguration);
        // Any other exception is a failure of the validator itself, never a pass of "no configuration error".
        return failure is null ? null : Assert.IsType<OrleansConfigurationException>(failure);
    }

    [Fact]
    public void Missing_bootstrap_servers_stop_startup_with_the_provider_named()
    {
        var failure = Validate(_ => { });

        Assert.NotNull(failure);
        Assert.Contains("Kafka provider 'p'", failure.Message);
        Assert.Contains("'BootstrapServers' with the error: 'BootstrapServers is required", failure.Message);
    }

    [Fact]
    public void Consumer_problems_are_listed_together()
    {
        var failure = Validate(services =>
        {
            services.Configure<KafkaConnectionOptions>("p", o => o.BootstrapServers = "localhost:9092");
            services.Configure<KafkaConsumerOptions>("p", o =>
            {
                o.Topics = [];
                o.PollBatchSize = 0;
            });
        });

        Assert.NotNull(failure);
        Assert.Contains("Topics must name at least one topic", failure.Message);
        Assert.Contains("PollBatchSize must be between", failure.Message);
    }

    [Fact]
    public void Batched_delivery_by_the_pulling_agent_is_refused_because_completion_tracking_relies_on_one_batch_per_delivery()
    {
        var failure = Validate(services =>
        {
            services.Configure<KafkaConnectionOptions>("p", o => o.BootstrapServers = "localhost:9092");
            services.Configure<StreamPullingAgentOptions>("p", o => o.BatchContainerBatchSize = 10);
        });

        Assert.NotNull(failure);
        Assert.Contains("BatchContainerBatchSize must be 1", failure.Message);
    }

    [Fact]
    public void A_negative_checkpoint_interval_and_a_publisher_linger_beyond_its_ack_timeout_stop_startup()
    {
        var failure = Validate(services =>
        {
            services.Configure<KafkaConnectionOptions>("p", o => o.BootstrapServers = "localhost:9092");
            services.Configure<KafkaCheckpointOptions>("p", o => o.CheckpointInterval = TimeSpan.FromSeconds(-1));
            services.Configure<KafkaPublisherOptions>("p", o => o.Linger = o.AckTimeout);
        });

        Assert.NotNull(failure);
        Assert.Contains("CheckpointInterval must not be negative", failure.Message);
        Assert.Contains("Publisher Linger must be between zero and AckTimeout", failure.Message);
    }

    [Fact]
    public void Valid_options_pass()
    {
        Assert.Null(Validate(services => services.Configure<KafkaConnectionOptions>("p", o => o.BootstrapServers = "localhost:9092")));
    }
}
