namespace CineMatch.Hosting;

public static class DeploymentSettingsHostExtensions
{
    /// <summary>
    /// Registers the <see cref="DeploymentSettings"/> as options validated at start, and returns them bound now
    /// from the same configuration with the same rules, for the choices made while the host is built.
    /// </summary>
    public static DeploymentSettings AddDeploymentSettings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DeploymentSettings>().BindConfiguration(string.Empty).ValidateDataAnnotations().ValidateOnStart();
        return DeploymentSettings.Bind(builder.Configuration);
    }
}
