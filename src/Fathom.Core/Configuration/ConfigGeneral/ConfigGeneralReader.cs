namespace Fathom.Core.Configuration.ConfigGeneral;

/// <summary>
/// The reading pass of Config::General (_open/_read): turns a file and everything it includes into one
/// flat list of logical lines. Includes are relative to the including file; a file already read is skipped.
/// </summary>
internal sealed class ConfigGeneralReader
{
    /// <summary>Joins a here-document's name to its text, as the reference does (its EOFseparator).</summary>
    public const string HereDocSeparator = "ad7d7b87f5b81d2a0d5cb75294afeb91aa4801b1f8e8532dc1b633c0e1d47037";

    /// <summary>Far beyond any real configuration (a few KB); bounds what a file of zeros or a huge include costs.</summary>
    public const long MaxTotalBytes = 16 * 1024 * 1024;

    // Far beyond any real configuration; stops include chains that never repeat the same path string.
    private const int MaxIncludeDepth = 64;

    private readonly List<ContentLine> _content = [];
    private readonly HashSet<string> _filesRead = new(StringComparer.Ordinal);
    private readonly List<string> _reading = [];
    private readonly ICollection<string> _warnings;
    private readonly string? _configPath;
    private long _bytesLeft = MaxTotalBytes;
    private int _depth;

    private ConfigGeneralReader(string mainFile, ICollection<string> warnings)
    {
        _warnings = warnings;
        // Given an absolute path, the reference also looks for missing includes in the main file's folder.
        if (PerlPath.IsAbsolute(mainFile))
        {
            var directory = PerlPath.DirectoryPart(mainFile);
            _configPath = directory.EndsWith('/') ? directory[..^1] : directory;
        }
    }

    /// <summary>The logical lines of <paramref name="path"/> and its includes; what the reference only warns about goes to <paramref name="warnings"/>.</summary>
    public static IReadOnlyList<ContentLine> ReadFile(string path, ICollection<string> warnings)
    {
        var reader = new ConfigGeneralReader(path, warnings);
        reader.Open(path, null, new ConfigLocation(path, 0));
        return reader._content;
    }

    public static IReadOnlyList<ContentLine> ReadText(string text, string fileName, ICollection<string> warnings)
    {
        var reader = new ConfigGeneralReader(fileName, warnings);
        reader._filesRead.Add(fileName);
        reader._reading.Add(fileName);
        new ConfigGeneralFileScanner(reader, fileName).Scan(SourceFile.FromText(text));
        return reader._content;
    }

    public void Push(string text, ConfigLocation location, bool malformed) => _content.Add(new(text, location, malformed));

    /// <summary>Handles &lt;&lt;include target&gt;&gt; written in a file whose folder is <paramref name="directory"/>.</summary>
    public void Include(string target, string directory, ConfigLocation at)
    {
        if (PerlText.IsTrue(directory) && !PerlPath.IsAbsolute(target))
        {
            Open(target, directory, at);
        }
        else
        {
            Open(target, null, at);
        }
    }

    private void Open(string baseFile, string? basePath, ConfigLocation at)
    {
        var configFile = PerlText.IsTrue(basePath) ? PerlPath.CatFile(basePath!, baseFile) : baseFile;
        if (CgRegex.GlobMeta().IsMatch(configFile))
        {
            // No match is fine: an include of "conf.d/*.conf" may find nothing.
            foreach (var file in ExpandGlob(configFile, baseFile))
            {
                Open(file, null, at);
            }

            return;
        }

        if (!Exists(configFile))
        {
            configFile = FindInConfigPath(baseFile)
                ?? throw new ConfigException(at, $"the file \"{baseFile}\" does not exist{ConfigPathMessage()}");
        }

        if (Directory.Exists(configFile))
        {
            throw new ConfigException(at, $"\"{configFile}\" is a directory, expecting a file");
        }

        if (!_filesRead.Add(configFile))
        {
            // The reference reads each path once: it warns ("already loaded") and goes on, and so do we.
            _warnings.Add(_reading.Contains(configFile)
                ? $"{at}: include cycle: \"{configFile}\" is already being read ({string.Join(" includes ", _reading.Append(configFile))}); this include is skipped"
                : $"{at}: \"{configFile}\" is included a second time; this include is skipped (each file is read once)");
            return;
        }

        byte[] bytes;
        try
        {
            bytes = ConfigFileReader.Read(configFile, _bytesLeft, at);
            _bytesLeft -= bytes.Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(at, $"could not open \"{configFile}\": {e.Message}");
        }

        if (++_depth > MaxIncludeDepth)
        {
            throw new ConfigException(at, $"includes nested more than {MaxIncludeDepth} deep (an include loop?)");
        }

        _reading.Add(configFile);
        new ConfigGeneralFileScanner(this, configFile).Scan(SourceFile.FromBytes(bytes));
        _reading.RemoveAt(_reading.Count - 1);
        _depth--;
    }

    private List<string> ExpandGlob(string pattern, string baseFile)
    {
        var files = BsdGlob.Expand(pattern).Where(File.Exists).ToList();
        if (files.Count == 0 && _configPath is not null)
        {
            var folder = PerlPath.DirectoryPart(baseFile);
            if (Directory.Exists(PerlPath.CatFile(_configPath, folder)))
            {
                files = [.. BsdGlob.Expand(PerlPath.CatFile(_configPath, baseFile)).Where(File.Exists)];
            }
        }

        return files;
    }

    private string? FindInConfigPath(string baseFile)
    {
        if (_configPath is null)
        {
            return null;
        }

        var candidate = PerlPath.CatFile(_configPath, baseFile);
        return Exists(candidate) ? candidate : null;
    }

    private string ConfigPathMessage() => _configPath is null ? "" : $" (nor in {_configPath})";

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);
}
