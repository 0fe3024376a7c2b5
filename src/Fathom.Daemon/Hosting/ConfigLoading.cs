using Fathom.Api.Configuration;
using Fathom.Collectors;
using Fathom.Core.Collectors;
using Fathom.Core.Configuration;
using Fathom.Daemon.Supervision;
using Fathom.Lookup.Configuration;
using Fathom.Pcp.Mmv;

namespace Fathom.Daemon.Hosting;

/// <summary>Config file → parse tree → settings → initialised collectors, with every error at once.</summary>
internal static class ConfigLoading
{
    public const string DefaultConfigFile = "/etc/fathom/fathom.conf";

    public static CollectorCatalog NewCatalog() => new(BuiltinCollectors.All);

    /// <summary>
    /// The one place the daemon's config sections are registered: a subsystem with its own
    /// top-level block adds its reader here (a block nobody registered is an error).
    /// </summary>
    public static ConfigSections NewSections() => new([DaemonArchives.Catalog.SectionReader, new MmvSectionReader(), new ApiSectionReader(), new LookupSectionReader()]);

    /// <summary>Throws <see cref="ConfigErrors"/> listing every mistake, each with file:line.</summary>
    public static LoadedConfig Load(string configFile)
    {
        var warnings = new List<string>();
        var root = Parse(configFile, warnings);
        var catalog = NewCatalog();
        var errors = new List<ConfigException>();
        var settings = new DaemonConfigLoader(catalog, NewSections()).Load(root, configFile, errors, warnings);
        IReadOnlyList<PreparedCollector> prepared = [];
        try
        {
            prepared = new CollectorPreparer(catalog).Prepare(settings.Collectors);
        }
        catch (ConfigErrors e)
        {
            errors.AddRange(e.Errors);
        }

        if (errors.Count > 0)
        {
            foreach (var p in prepared)
            {
                (p.Instance as IDisposable)?.Dispose();
            }

            throw new ConfigErrors(errors);
        }

        return new LoadedConfig(settings, prepared);
    }

    public static ConfigObject Parse(string configFile) => Parse(configFile, []);

    /// <summary>The parse tree; what the parser only warns about (with file:line) goes to <paramref name="warnings"/>.</summary>
    public static ConfigObject Parse(string configFile, ICollection<string> warnings)
    {
        if (!File.Exists(configFile))
        {
            throw new ConfigErrors([new ConfigException(Directory.Exists(configFile)
                ? $"{configFile}: is a folder, not a configuration file"
                : $"{configFile}: configuration file not found")]);
        }

        try
        {
            return ConfigGeneralParser.ParseFile(configFile, warnings);
        }
        catch (ConfigException e)
        {
            throw new ConfigErrors([e]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigErrors([new ConfigException($"{configFile}: cannot read: {e.Message}")]);
        }
    }
}
