using CineMatch.Silo.Commands;

try
{
    return args.FirstOrDefault() switch
    {
        "replay" => await ReplayCommand.RunAsync(args[1..]),
        "import-catalog" => await ImportCatalogCommand.RunAsync(args[1..]),
        "bench" => await BenchCommand.RunAsync(args[1..]),
        "reconcile" => await ReconcileCommand.RunAsync(args[1..]),
        "broker" => await BrokerCommand.RunAsync(args[1..]),
        "demo" => await ServeCommand.RunAsync([.. args[1..], "--demo"]),
        _ => await ServeCommand.RunAsync(args),
    };
}
catch (UsageException ex)
{
    Console.Error.WriteLine(ex.Message);
    return UsageException.ExitCode;
}
