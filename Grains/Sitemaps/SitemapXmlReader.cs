using System.Text;
using System.Xml;

namespace Crawler.Grains.Sitemaps;

/// <summary>
/// Streams an XML sitemap (a <c>urlset</c> or a <c>sitemapindex</c>) and takes each entry's <c>loc</c>.
/// Any namespace is accepted, as long as the entries and their <c>loc</c> are in the root's: that keeps
/// extension elements such as <c>image:loc</c> out, with or without a prefix on the sitemap's own names.
/// </summary>
internal static class SitemapXmlReader
{
    // A loc may be indented across lines; beyond this it cannot trim down to an acceptable URL.
    private const int MaxLocTextLength = 4 * SitemapUrlCollector.MaxUrlLength;

    public static void Read(Stream stream, long maxCharacters, SitemapUrlCollector collector)
    {
        var settings = new XmlReaderSettings
        {
            // No DTD and no resolver: no entity expansion, no external entity (XXE) ever fetched.
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            MaxCharactersInDocument = maxCharacters,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        };

        using var reader = XmlReader.Create(stream, settings);
        if (reader.MoveToContent() != XmlNodeType.Element || reader.IsEmptyElement)
        {
            return;
        }

        bool isIndex;
        if (reader.LocalName == "urlset")
        {
            isIndex = false;
        }
        else if (reader.LocalName == "sitemapindex")
        {
            isIndex = true;
        }
        else
        {
            return;
        }

        var sitemapNamespace = reader.NamespaceURI;
        var entryName = isIndex ? "sitemap" : "url";
        var inEntry = false;
        var text = new StringBuilder();
        var chunk = new char[1024];
        while (!collector.IsFull && reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.Depth == 1)
            {
                inEntry = reader.LocalName == entryName && reader.NamespaceURI == sitemapNamespace;
            }
            else if (inEntry && reader.Depth == 2 && !reader.IsEmptyElement && reader.LocalName == "loc"
                && reader.NamespaceURI == sitemapNamespace && ReadLocText(reader, text, chunk))
            {
                if (isIndex)
                {
                    collector.AddSitemap(text.ToString());
                }
                else
                {
                    collector.AddPage(text.ToString());
                }
            }
        }
    }

    /// <summary>
    /// Reads the text of the loc element the reader stands on, in chunks so that a huge text node is never
    /// held whole. False when it is too long to be a URL.
    /// </summary>
    private static bool ReadLocText(XmlReader reader, StringBuilder text, char[] chunk)
    {
        text.Clear();
        var tooLong = false;
        var locDepth = reader.Depth;
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == locDepth))
        {
            if (reader.Depth != locDepth + 1
                || reader.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace))
            {
                continue;
            }

            int read;
            while ((read = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
            {
                tooLong |= text.Length + read > MaxLocTextLength;
                if (!tooLong)
                {
                    text.Append(chunk, 0, read);
                }
            }
        }

        return !tooLong;
    }
}
