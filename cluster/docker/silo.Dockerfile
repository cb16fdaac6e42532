# The silo image: `dotnet publish` of src/Silo (the server and its commands: serve, broker, import-catalog, replay).
# Build context: the repository root (cluster/compose.yaml sets it), e.g.
#   docker build -f cluster/docker/silo.Dockerfile -t cinematch/silo:latest .
# Not built on the machine this was written on (no Docker engine there); the publish step was run there by hand.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so that a code change does not download the packages again.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Grains.Abstractions/Grains.Abstractions.csproj src/Grains.Abstractions/
COPY src/Grains/Grains.csproj src/Grains/
COPY src/Persistence.MongoDB/Persistence.MongoDB.csproj src/Persistence.MongoDB/
COPY src/Streaming.Kafka/Streaming.Kafka.csproj src/Streaming.Kafka/
COPY src/Statistics.MongoDB/Statistics.MongoDB.csproj src/Statistics.MongoDB/
COPY src/Hosting/Hosting.csproj src/Hosting/
COPY src/Silo/Silo.csproj src/Silo/
RUN dotnet restore src/Silo/Silo.csproj
COPY src/ src/
COPY data/ data/
RUN dotnet publish src/Silo/Silo.csproj -c Release --no-restore -o /out

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /out/ ./
# HTTP (the gateway's endpoints, the trends page, /health), Orleans silo-to-silo, Orleans client gateway.
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080 11111 30000
USER $APP_UID
ENTRYPOINT ["dotnet", "CineMatch.Silo.dll"]
