using System.Xml.Linq;

namespace CineMatch.Tests.Cluster;

/// <summary>
/// The deployment files cannot run here (no Docker engine, no Kubernetes): these tests parse them and check
/// that what they name exists — build contexts, Dockerfiles, projects and the assemblies their publish step
/// makes, settings the programs read, ports the programs listen on, ConfigMaps and Secrets the pods use.
/// </summary>
public sealed class DeploymentFilesTests
{
    private static readonly string[] Dockerfiles = ["silo.Dockerfile", "gateway.Dockerfile"];

    private static Dictionary<object, object> Compose => DeploymentFiles.LoadDocuments(Path.Combine(DeploymentFiles.ClusterDirectory, "compose.yaml")).Single();

    private static Dictionary<object, object> Services => Compose.Map("services");

    [Theory]
    [InlineData("silo.Dockerfile")]
    [InlineData("gateway.Dockerfile")]
    public void A_dockerfile_copies_sources_that_exist_restores_every_project_it_publishes_and_runs_the_assembly_the_build_makes(string name)
    {
        var dockerfile = DockerfileFacts.Read(Path.Combine(DeploymentFiles.ClusterDirectory, "docker", name));
        var root = DeploymentFiles.Root;

        var missing = dockerfile.CopiedSources.Where(source => !File.Exists(Path.Combine(root, source)) && !Directory.Exists(Path.Combine(root, source))).ToList();
        Assert.True(missing.Count == 0, $"{name} copies what the repository does not hold: {string.Join(", ", missing)}");

        // The restore layer copies project files only: a project missing there fails `dotnet restore` in the image.
        var copiedProjects = dockerfile.CopiedSources.Where(source => source.EndsWith(".csproj", StringComparison.Ordinal)).ToHashSet();
        var needed = dockerfile.ProjectClosure(root);
        Assert.True(needed.SetEquals(copiedProjects), $"{name} copies the projects [{string.Join(", ", copiedProjects.Order())}] before the restore; {dockerfile.PublishedProject} needs [{string.Join(", ", needed)}]");

        var project = XDocument.Load(Path.Combine(root, dockerfile.PublishedProject));
        var assemblyName = project.Descendants("AssemblyName").Single().Value;
        Assert.Equal(assemblyName + ".dll", dockerfile.EntryAssembly);
        var output = BuildOutput(dockerfile.PublishedProject);
        Assert.True(File.Exists(Path.Combine(output, dockerfile.EntryAssembly)), $"{dockerfile.EntryAssembly} is not in {output}: the image would run an assembly the build does not make");
    }

    [Fact]
    public void The_compose_file_has_kraft_kafka_mongodb_three_silos_the_gateway_and_the_reconcile_job_built_from_files_that_exist()
    {
        var kafka = Services.Map("kafka");
        Assert.StartsWith("apache/kafka:", kafka.Text("image"));
        Assert.Contains("controller", kafka.Map("environment").Text("KAFKA_PROCESS_ROLES")); // KRaft: no ZooKeeper
        Assert.StartsWith("mongo:", Services.Map("mongo").Text("image"));
        Assert.Equal(["silo1", "silo2", "silo3"], Services.Keys.Cast<string>().Where(service => service.StartsWith("silo", StringComparison.Ordinal)).Order());

        foreach (var (service, definition) in Services.Select(pair => ((string)pair.Key, (Dictionary<object, object>)pair.Value)))
        {
            foreach (var dependency in definition.Map("depends_on").Keys.Cast<string>())
            {
                Assert.True(Services.ContainsKey(dependency), $"{service} depends on {dependency}, which is no service");
            }

            if (!definition.TryGetValue("build", out var build))
            {
                continue;
            }

            var context = build as string ?? ((Dictionary<object, object>)build).Text("context")!;
            var contextPath = Path.GetFullPath(Path.Combine(DeploymentFiles.ClusterDirectory, context));
            Assert.True(Directory.Exists(contextPath), $"{service}: build context {context} does not exist");
            var dockerfile = (build as Dictionary<object, object>)?.Text("dockerfile") ?? "Dockerfile";
            Assert.True(File.Exists(Path.Combine(contextPath, dockerfile)), $"{service}: {dockerfile} does not exist in {contextPath}");
        }

        Assert.Equal("cluster/docker/silo.Dockerfile", Services.Map("silo2").Map("build").Text("dockerfile"));
        Assert.Equal("cluster/docker/gateway.Dockerfile", Services.Map("gateway").Map("build").Text("dockerfile"));
    }

    [Fact]
    public void The_reconcile_service_runs_what_cluster_spark_defines()
    {
        var spark = DeploymentFiles.LoadDocuments(Path.Combine(DeploymentFiles.ClusterDirectory, "spark", "compose.yaml")).Single().Map("services").Map("reconcile");
        var reconcile = Services.Map("reconcile");

        Assert.Equal(spark.Text("image"), reconcile.Text("image"));
        Assert.Equal(spark.List("command"), reconcile.List("command"));
        Assert.Equal(spark.List("profiles"), reconcile.List("profiles"));
        Assert.Equal(Path.Combine(DeploymentFiles.ClusterDirectory, "spark"), Path.GetFullPath(Path.Combine(DeploymentFiles.ClusterDirectory, reconcile.Text("build")!)));
        Assert.Contains("--mongo", reconcile.List("command"));
        Assert.Equal("mongodb://mongo:27017", reconcile.List("command")[reconcile.List("command").IndexOf("--mongo") + 1]);
    }

    [Fact]
    public void The_compose_services_set_only_settings_the_programs_read_and_reach_the_ports_they_listen_on()
    {
        foreach (var service in new[] { "silo1", "silo3", "gateway", "catalog-import" })
        {
            var environment = Services.Map(service).Map("environment");
            var unknown = environment.Keys.Cast<string>().Where(variable => !DeploymentFiles.IsKnownSetting(variable)).ToList();
            Assert.True(unknown.Count == 0, $"{service} sets what no program reads: {string.Join(", ", unknown)}");
            Assert.Equal("mongodb://mongo:27017", environment.Text("CINEMATCH_MONGO"));
        }

        var silo = Services.Map("silo2");
        var siloEnvironment = silo.Map("environment");
        Assert.Equal("kafka:9092", siloEnvironment.Text("CINEMATCH_KAFKA"));
        Assert.Contains("PLAINTEXT://kafka:9092", Services.Map("kafka").Map("environment").Text("KAFKA_ADVERTISED_LISTENERS"));
        var siloHttpPort = PortOf(siloEnvironment.Text("ASPNETCORE_URLS")!);
        Assert.Contains($"/dev/tcp/127.0.0.1/{siloHttpPort}", string.Join(' ', silo.Map("healthcheck").List("test")));

        var gateway = Services.Map("gateway");
        var gatewayHttpPort = PortOf(gateway.Map("environment").Text("ASPNETCORE_URLS")!);
        Assert.Equal($"5080:{gatewayHttpPort}", Assert.Single(gateway.List("ports")));
        Assert.Contains($"/dev/tcp/127.0.0.1/{gatewayHttpPort}", string.Join(' ', gateway.Map("healthcheck").List("test")));

        // The silo image's WORKDIR is /app, where the build puts the bundled catalog.
        var catalog = Services.Map("catalog-import").List("command")[1] as string;
        Assert.Equal("/app/data/catalog.json", catalog);
        Assert.True(File.Exists(Path.Combine(BuildOutput("src/Silo/Silo.csproj"), "data", "catalog.json")), "the silo's build output holds no data/catalog.json for catalog-import");
    }

    [Fact]
    public void The_kubernetes_manifests_reference_config_secrets_ports_and_settings_that_exist()
    {
        var kustomization = DeploymentFiles.LoadDocuments(Path.Combine(DeploymentFiles.ClusterDirectory, "kustomization.yaml")).Single();
        var files = kustomization.List("resources").Cast<string>().ToList();
        Assert.Contains("spark/reconcile-cronjob.yaml", files);
        var resources = files.SelectMany(file => DeploymentFiles.LoadDocuments(Path.Combine(DeploymentFiles.ClusterDirectory, file))).ToList();
        Dictionary<object, object>[] Kind(string kind) => [.. resources.Where(resource => resource.Text("kind") == kind)];

        var configMaps = Kind("ConfigMap").ToDictionary(map => map.Map("metadata").Text("name")!, map => map.Map("data"));
        var secrets = Kind("Secret").ToDictionary(secret => secret.Map("metadata").Text("name")!, secret => secret.Map("stringData"));
        var unknownConfig = configMaps.Values.SelectMany(data => data.Keys.Cast<string>()).Where(key => !DeploymentFiles.IsKnownSetting(key)).ToList();
        Assert.True(unknownConfig.Count == 0, $"the ConfigMap sets what no program reads: {string.Join(", ", unknownConfig)}");

        var podSpecs = Kind("Deployment").Select(deployment => (Name: deployment.Map("metadata").Text("name")!, Pod: deployment.Map("spec").Map("template")))
            .Concat(Kind("CronJob").Select(job => (Name: job.Map("metadata").Text("name")!, Pod: job.Map("spec").Map("jobTemplate").Map("spec").Map("template"))))
            .ToList();
        Assert.Contains(podSpecs, pod => pod.Name == "cinematch-silo");
        Assert.Contains(podSpecs, pod => pod.Name == "cinematch-gateway");
        Assert.Contains(podSpecs, pod => pod.Name == "cinematch-reconcile");
        foreach (var (name, pod) in podSpecs)
        {
            foreach (var container in pod.Map("spec").List("containers").Maps())
            {
                foreach (var source in container.List("envFrom").Maps())
                {
                    var configMap = source.Map("configMapRef").Text("name")!;
                    Assert.True(configMaps.ContainsKey(configMap), $"{name} reads ConfigMap {configMap}, which no manifest defines");
                }

                foreach (var variable in container.List("env").Maps())
                {
                    var secretRef = variable.Map("valueFrom").Map("secretKeyRef");
                    if (secretRef.Text("name") is { } secret)
                    {
                        Assert.True(secrets.TryGetValue(secret, out var data) && data.ContainsKey(secretRef.Text("key")!), $"{name} reads {secret}/{secretRef.Text("key")}, which no Secret holds");
                    }

                    if (name != "cinematch-reconcile")
                    {
                        Assert.True(DeploymentFiles.IsKnownSetting(variable.Text("name")!), $"{name} sets {variable.Text("name")}, which no program reads");
                    }
                }

                var ports = container.List("ports").Maps().ToDictionary(port => port.Text("name")!, port => port["containerPort"]);
                foreach (var probe in new[] { "readinessProbe", "livenessProbe" }.Select(container.Map).Where(probe => probe.Count > 0))
                {
                    var get = probe.Map("httpGet");
                    Assert.True(ports.ContainsKey(get.Text("port")!), $"{name} probes port {get.Text("port")}, which its container does not declare");
                    Assert.Contains(get.Text("path"), new[] { "/health/ready", "/health/live" });
                }

                if (ports.Count > 0)
                {
                    var url = container.List("env").Maps().Single(variable => variable.Text("name") == "ASPNETCORE_URLS").Text("value")!;
                    Assert.Equal($"{PortOf(url)}", ports["http"]);
                }
            }
        }

        var silo = podSpecs.Single(pod => pod.Name == "cinematch-silo").Pod.Map("spec").List("containers").Maps().Single();
        var siloEnv = silo.List("env").Maps().ToDictionary(variable => variable.Text("name")!);
        Assert.Equal("status.podIP", siloEnv["Silo__AdvertisedIP"].Map("valueFrom").Map("fieldRef").Text("fieldPath"));
        var siloPorts = silo.List("ports").Maps().ToDictionary(port => port.Text("name")!, port => port["containerPort"]);
        Assert.Equal(siloEnv["Silo__Port"].Text("value"), siloPorts["silo"]);
        Assert.Equal(siloEnv["Silo__GatewayPort"].Text("value"), siloPorts["gateway"]);
        Assert.Equal(Services.Map("silo1").Text("image"), silo.Text("image"));

        // Orleans' Kubernetes hosting: on, in the cluster the gateway joins, with the rights to watch the pods.
        Assert.Equal("true", siloEnv["Orleans__Kubernetes__Enabled"].Text("value"));
        var siloPod = podSpecs.Single(pod => pod.Name == "cinematch-silo").Pod;
        Assert.Equal(configMaps["cinematch-config"].Text("Orleans__ClusterId"), siloPod.Map("metadata").Map("labels").Text("orleans/clusterId"));
        var account = siloPod.Map("spec").Text("serviceAccountName");
        Assert.Contains(Kind("ServiceAccount"), serviceAccount => serviceAccount.Map("metadata").Text("name") == account);
        var roles = Kind("RoleBinding")
            .Where(binding => binding.List("subjects").Maps().Any(subject => subject.Text("kind") == "ServiceAccount" && subject.Text("name") == account))
            .Select(binding => binding.Map("roleRef").Text("name"))
            .ToList();
        var podRights = Kind("Role").Where(role => roles.Contains(role.Map("metadata").Text("name")))
            .SelectMany(role => role.List("rules").Maps())
            .Where(rule => rule.List("resources").Contains("pods"))
            .SelectMany(rule => rule.List("verbs").Cast<string>())
            .ToHashSet();
        Assert.Superset(new HashSet<string> { "get", "list", "watch", "delete" }, podRights);

        // Every disruption budget guards pods that a Deployment makes.
        var podLabels = Kind("Deployment").Select(deployment => deployment.Map("spec").Map("template").Map("metadata").Map("labels")).ToList();
        var budgets = Kind("PodDisruptionBudget");
        Assert.Contains(budgets, budget => budget.Map("metadata").Text("name") == "cinematch-silo");
        foreach (var budget in budgets)
        {
            var selector = budget.Map("spec").Map("selector").Map("matchLabels");
            Assert.True(
                podLabels.Any(labels => selector.All(label => labels.TryGetValue(label.Key, out var value) && Equals(value, label.Value))),
                $"PodDisruptionBudget {budget.Map("metadata").Text("name")} selects no Deployment's pods");
        }
    }

    private static int PortOf(string url) => new Uri(url.Replace("+", "localhost", StringComparison.Ordinal)).Port;

    /// <summary>The project's build output of the configuration these tests were built with (bin/Release/net10.0).</summary>
    private static string BuildOutput(string project)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = framework.Parent!.Name;
        return Path.Combine(DeploymentFiles.Root, Path.GetDirectoryName(project)!, "bin", configuration, framework.Name);
    }
}
