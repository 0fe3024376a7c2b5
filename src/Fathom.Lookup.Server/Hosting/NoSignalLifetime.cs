using Microsoft.Extensions.Hosting;

namespace Fathom.Lookup.Server.Hosting;

/// <summary>The web host without ConsoleLifetime's signal handlers: whoever hosts the server owns SIGINT and SIGTERM and stops it.</summary>
internal sealed class NoSignalLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
