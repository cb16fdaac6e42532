# The gateway image: `dotnet publish` of src/Api, the REST endpoints and the trends page as an Orleans client
# of the silos (found through MongoDB membership). Build context: the repository root, e.g.
#   docker build -f cluster/docker/gateway.Dockerfile -t cinematch/gateway:latest .
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
COPY src/Api/Api.csproj src/Api/
RUN dotnet restore src/Api/Api.csproj
COPY src/ src/
RUN dotnet publish src/Api/Api.csproj -c Release --no-restore -o /out

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /out/ ./
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "CineMatch.Api.dll"]
