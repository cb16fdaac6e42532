using OpenQA.Selenium.Chrome;

namespace CineMatch.Tests.Page;

/// <summary>
/// Debian's Chromium driven through Debian's chromedriver (test/run.sh installs both), never a downloaded browser.
/// The flags keep it off the network this machine does not have (/work/shared/ENVIRONMENT.md, "Browsers").
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private readonly string _profile = Directory.CreateTempSubdirectory("cinematch-chromium-").FullName;

    public HeadlessChromium()
    {
        foreach (var program in new[] { BrowserPath, DriverPath })
        {
            Assert.True(File.Exists(program), $"{program} is missing: install Debian's chromium and chromium-driver (test/run.sh does, as root)");
        }

        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1440,1000", $"--user-data-dir={_profile}");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(90));
    }

    public ChromeDriver Driver { get; }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium's last helper processes may still hold files; the temporary directory is left behind.
        }
    }
}
