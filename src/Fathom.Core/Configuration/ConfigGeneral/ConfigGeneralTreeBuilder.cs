namespace Fathom.Core.Configuration.ConfigGeneral;

/// <summary>
/// The parsing pass of Config::General (_parse) at its default options: options and blocks into a tree,
/// repeated keys and blocks into arrays. Like the reference, a closing tag closes the innermost open block
/// whatever name it carries.
/// </summary>
internal static class ConfigGeneralTreeBuilder
{
    public static ConfigObject Build(IReadOnlyList<ContentLine> content, ConfigLocation rootLocation) =>
        Parse(new ConfigObject(rootLocation), content);

    private static ConfigObject Parse(ConfigObject config, IReadOnlyList<ContentLine> content)
    {
        string? block = null;
        string? blockName = null;
        var blockLocation = default(ConfigLocation);
        var inner = new List<ContentLine>();
        var depth = 0;
        foreach (var item in content)
        {
            var text = PerlText.Trim(item.Text);
            if (block is null)
            {
                var start = CgRegex.BlockStart().Match(text);
                if (start.Success)
                {
                    (block, blockName) = OpenBlock(start.Groups[1].Value, blockName);
                    blockLocation = item.Location;
                    inner = [];
                    continue;
                }

                var end = CgRegex.BlockEnd().Match(text);
                if (end.Success)
                {
                    throw new ConfigException(item.Location, $"closing tag </{end.Groups[1].Value}> without an open block");
                }

                AddOption(config, text, item.Location);
            }
            else if (CgRegex.BlockStart().IsMatch(text))
            {
                depth++;
                inner.Add(item with { Text = text });
            }
            else if (!CgRegex.BlockEnd().IsMatch(text) || depth > 0)
            {
                depth -= CgRegex.BlockEnd().IsMatch(text) ? 1 : 0;
                inner.Add(item with { Text = text });
            }
            else
            {
                CloseBlock(config, block, blockName, blockLocation, inner);
                block = null;
                blockName = null;
            }
        }

        if (PerlText.IsTrue(block))
        {
            throw new ConfigException(blockLocation, $"block <{block}> is never closed (no </{block}>)");
        }

        return config;
    }

    /// <summary>The block and name of an opening tag; a name survives from earlier when the tag gives none.</summary>
    private static (string? Block, string? Name) OpenBlock(string tag, string? previousName)
    {
        if (CgRegex.QuotedBlock().IsMatch(tag))
        {
            return (tag.Replace("\"", "", StringComparison.Ordinal), previousName);
        }

        var named = CgRegex.NamedBlock().Match(tag);
        if (!named.Success)
        {
            return (tag, previousName);
        }

        return (PerlText.Or(Group(named, 1), Group(named, 2)), PerlText.Or(Group(named, 3), Group(named, 4)));
    }

    private static string? Group(System.Text.RegularExpressions.Match match, int index) =>
        match.Groups[index].Success ? match.Groups[index].Value : null;

    private static void AddOption(ConfigObject config, string text, ConfigLocation location)
    {
        var (option, value) = Split(text);
        var scalar = new ConfigScalar(location, Unescape(Unquote(value)));
        if (config.TryGet(option, out var existing))
        {
            AsArray(config, option, existing).Items.Add(scalar);
        }
        else
        {
            config.Set(option, scalar);
        }
    }

    private static void CloseBlock(ConfigObject config, string block, string? name, ConfigLocation location, List<ContentLine> inner)
    {
        if (name is null)
        {
            if (!config.TryGet(block, out var existing))
            {
                config.Set(block, Parse(new ConfigObject(location), inner));
                return;
            }

            if (existing is ConfigScalar scalar)
            {
                throw new ConfigException(location, $"block <{block}> clashes with the option '{block}' (value '{scalar.Value}') given before");
            }

            AsArray(config, block, existing).Items.Add(Parse(new ConfigObject(location), inner));
            return;
        }

        if (!config.TryGet(block, out var holder))
        {
            holder = new ConfigObject(location);
            config.Set(block, holder);
        }

        var named = holder switch
        {
            ConfigObject o => o,
            ConfigScalar => throw new ConfigException(location, $"block <{block} {name}> clashes with the option '{block}' given before"),
            _ => throw new ConfigException(location, $"cannot add the named block <{block} {name}>: '{block}' is already a list (a repeated <{block}> block or option)"),
        };
        if (named.TryGet(name, out var previous))
        {
            AsArray(named, name, previous).Items.Add(Parse(new ConfigObject(location), inner));
        }
        else
        {
            named.Set(name, Parse(new ConfigObject(location), inner));
        }
    }

    /// <summary>The array under <paramref name="key"/>, turning a single earlier value into one.</summary>
    private static ConfigArray AsArray(ConfigObject config, string key, ConfigNode existing)
    {
        if (existing is ConfigArray array)
        {
            return array;
        }

        array = new ConfigArray(existing.Location);
        array.Items.Add(existing);
        config.Set(key, array);
        return array;
    }

    /// <summary>Perl's split /\s*=\s*|\s+/ into two (a here-document splits at its separator).</summary>
    private static (string Option, string? Value) Split(string text)
    {
        var separator = text.Contains(ConfigGeneralReader.HereDocSeparator, StringComparison.Ordinal)
            ? CgRegex.HereDocSplit().Match(text)
            : CgRegex.OptionSplit().Match(text);
        return separator.Success
            ? (text[..separator.Index], text[(separator.Index + separator.Length)..])
            : (text, null);
    }

    /// <summary>A value that starts and ends with a double quote loses those two quotes.</summary>
    private static string? Unquote(string? value)
    {
        if (!PerlText.IsTrue(value) || value![0] != '"' || value[^1] != '"')
        {
            return value;
        }

        var inner = value[1..];
        return inner.EndsWith('"') ? inner[..^1] : inner;
    }

    private static string? Unescape(string? value) => value is null ? null : CgRegex.Escaped().Replace(value, "$1");
}
