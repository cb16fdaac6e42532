namespace CineMatch.Hosting;

/// <summary>
/// Orleans' Kubernetes hosting for silos that run in pods (cluster/k8s/silo.yaml turns it on): the silo is named
/// after its pod and advertises the pod's IP, and silos watch the pods, so that a deleted pod's silo leaves the
/// membership table at once instead of after the failure detector's probes. Membership itself stays in MongoDB.
/// </summary>
public static class KubernetesHosting
{
    /// <summary><c>Orleans:Kubernetes:Enabled</c> (<c>Orleans__Kubernetes__Enabled=true</c>): off by default, since it needs the Kubernetes API.</summary>
    public const string EnabledKey = "Orleans:Kubernetes:Enabled";

    public static ISiloBuilder UseKubernetesHostingWhenEnabled(this ISiloBuilder silo)
    {
        if (silo.Configuration.GetValue<bool>(EnabledKey))
        {
            silo.UseKubernetesHosting();
        }

        return silo;
    }
}
