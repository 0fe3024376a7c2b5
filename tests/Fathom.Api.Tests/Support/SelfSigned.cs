using System.Diagnostics;

namespace Fathom.Api.Tests.Support;

/// <summary>A self-signed certificate for 127.0.0.1 and its key, as PEM files made by the real openssl.</summary>
internal static class SelfSigned
{
    public static (string Certificate, string Key) Create(string folder)
    {
        var cert = Path.Combine(folder, "cert.pem");
        var key = Path.Combine(folder, "key.pem");
        var start = new ProcessStartInfo("openssl")
        {
            ArgumentList =
            {
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,IP:::1",
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var openssl = Process.Start(start)!;
        var stderr = openssl.StandardError.ReadToEndAsync();
        if (!openssl.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            openssl.Kill();
            Assert.Fail("openssl req did not finish in 30 s");
        }

        Assert.True(openssl.ExitCode == 0, $"openssl req failed: {stderr.Result}");
        return (cert, key);
    }
}
