using CineMatch.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting.Kubernetes;

namespace CineMatch.Tests.Cluster;

/// <summary>Orleans' Kubernetes hosting is added only when <c>Orleans:Kubernetes:Enabled</c> asks for it (it needs the Kubernetes API).</summary>
public sealed class KubernetesHostingTests
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData(null, false)]
    public void The_silo_uses_kubernetes_hosting_only_when_enabled(string? enabled, bool expected)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [KubernetesHosting.EnabledKey] = enabled });

        builder.UseOrleans(silo => silo.UseKubernetesHostingWhenEnabled());

        // Its options (configured from the pod's environment) are registered only by UseKubernetesHosting; the
        // assembly's serializer metadata is registered whenever it is referenced, so it tells nothing.
        var kubernetesOptions = builder.Services.Where(service => service.ServiceType.GenericTypeArguments.Contains(typeof(KubernetesHostingOptions))).ToList();
        Assert.Equal(expected, kubernetesOptions.Count > 0);
    }
}
