using CineMatch.Api.Endpoints;
using CineMatch.Api.Publishing;
using CineMatch.Events;

// The gateway on its own: an Orleans client in front of a silo cluster. (The embedded default hosts
// the same endpoints inside the silo process: `dotnet run --project src/Silo`.)
var builder = WebApplication.CreateBuilder(args);
builder.UseOrleansClient(client =>
{
    client.UseLocalhostClustering();
    client.AddMemoryStreams(StreamNames.Provider);
});
builder.Services.AddProblemDetails();
builder.Services.AddSingleton<IEventPublisher, OrleansStreamEventPublisher>();

var app = builder.Build();
app.UseExceptionHandler();
app.MapCineMatchGateway();
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
app.Run();
