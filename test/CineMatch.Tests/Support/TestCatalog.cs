using CineMatch.Catalog;

namespace CineMatch.Tests.Support;

/// <summary>A small catalog with the cases that matter: an imdb id, a remake pair, titles with accents.</summary>
public static class TestCatalog
{
    public static readonly IReadOnlyList<CatalogMovie> Films =
    [
        new() { ImdbId = "tt0078748", Title = "Alien", Year = 1979, Genres = ["Horror", "Sci-Fi"], Duration = 117, Director = "Ridley Scott", Actors = "Sigourney Weaver, Tom Skerritt", AvgVote = 8.5, PosterUrl = "https://img/alien.jpg" },
        new() { Title = "King Kong", Year = 1933, Genres = ["Adventure"], Duration = 100, Director = "Merian C. Cooper" },
        new() { Title = "King Kong", Year = 2005, Genres = ["Adventure", "Drama"], Duration = 187, Director = "Peter Jackson", PosterUrl = "https://img/kk2005.jpg" },
        new() { ImdbId = "tt0245429", Title = "Sen to Chihiro no kamikakushi", OriginalTitle = "Spirited Away", Year = 2001, Genres = ["Animation", "Family"], Duration = 125, Director = "Hayao Miyazaki" },
        new() { Title = "Amélie", Year = 2001, Genres = ["Comedy", "Romance"], Duration = 122, Director = "Jean-Pierre Jeunet" },
        new() { Title = "Heat", Year = 1995, Genres = ["Crime", "Thriller"], Duration = 170, Director = "Michael Mann", Actors = "Al Pacino | Robert De Niro" },
    ];
}
