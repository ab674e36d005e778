// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/PromQlTemplates.h"

#include "auth/UntrustedText.h"

#include <algorithm>

namespace sd {

namespace {

bool isNameStart(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
        || c == QLatin1Char('_');
}

bool isNameChar(QChar c)
{
    return isNameStart(c) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
}

void skipSpaces(const QString& text, qsizetype* i)
{
    while (*i < text.size() && text.at(*i).isSpace())
        ++*i;
}

// One PromQL string literal at text[*i] ("...", '...' with escapes, `...` raw); false if unterminated.
bool skipString(const QString& text, qsizetype* i)
{
    const QChar quote = text.at(*i);
    if (quote != QLatin1Char('"') && quote != QLatin1Char('\'') && quote != QLatin1Char('`'))
        return false;
    for (++*i; *i < text.size(); ++*i) {
        const QChar c = text.at(*i);
        if (c == QLatin1Char('\\') && quote != QLatin1Char('`')) {
            ++*i;
            continue;
        }
        if (c == QLatin1Char('\n') && quote != QLatin1Char('`'))
            return false;
        if (c == quote) {
            ++*i;
            return true;
        }
    }
    return false;
}

Error badSelector(const QString& what, const QString& selector, const QString& why)
{
    return Error(QStringLiteral("the %1 \"%2\" is not a list of label matchers such as job=\"node\": %3")
                     .arg(what, UntrustedText::sanitize(selector, 120), why),
                 QStringLiteral("invalid_setting"));
}

} // namespace

Result<PromQlTemplates> PromQlTemplates::create(const PromQlSettings& settings)
{
    if (!isLabelName(settings.label))
        return Error(QStringLiteral("the station label \"%1\" is not a Prometheus label name (letters, digits and _, "
                                    "not starting with a digit)")
                         .arg(UntrustedText::sanitize(settings.label, 80)),
                     QStringLiteral("invalid_setting"));
    if (settings.scrapeIntervalSeconds < 1 || settings.scrapeIntervalSeconds > 86400)
        return Error(QStringLiteral("the scrape interval must be 1 to 86400 seconds, not %1")
                         .arg(settings.scrapeIntervalSeconds),
                     QStringLiteral("invalid_setting"));
    if (settings.rateWindowSeconds < 0 || settings.rateWindowSeconds > 7 * 86400)
        return Error(QStringLiteral("the rate window must be 0 (automatic) to 604800 seconds, not %1")
                         .arg(settings.rateWindowSeconds),
                     QStringLiteral("invalid_setting"));
    if (auto checked = checkSelector(settings.nodeSelector, QStringLiteral("node selector")); !checked)
        return checked.error();
    if (auto checked = checkSelector(settings.processSelector, QStringLiteral("process selector")); !checked)
        return checked.error();
    return PromQlTemplates(settings);
}

bool PromQlTemplates::isLabelName(const QString& name)
{
    if (name.isEmpty() || !isNameStart(name.front()))
        return false;
    return std::all_of(name.begin(), name.end(), isNameChar);
}

Result<void> PromQlTemplates::checkSelector(const QString& selector, const QString& what)
{
    qsizetype i = 0;
    skipSpaces(selector, &i);
    while (i < selector.size()) {
        const qsizetype nameStart = i;
        while (i < selector.size() && isNameChar(selector.at(i)))
            ++i;
        if (i == nameStart || !isNameStart(selector.at(nameStart)))
            return badSelector(what, selector,
                               QStringLiteral("a label name is expected at character %1").arg(nameStart + 1));
        skipSpaces(selector, &i);
        const QString op = selector.mid(i, 2);
        if (op == QLatin1String("!=") || op == QLatin1String("=~") || op == QLatin1String("!~"))
            i += 2;
        else if (op.startsWith(QLatin1Char('=')))
            i += 1;
        else
            return badSelector(what, selector,
                               QStringLiteral("=, !=, =~ or !~ is expected at character %1").arg(i + 1));
        skipSpaces(selector, &i);
        if (i >= selector.size() || !skipString(selector, &i))
            return badSelector(what, selector, QStringLiteral("a quoted value is expected at character %1").arg(i + 1));
        skipSpaces(selector, &i);
        if (i < selector.size() && selector.at(i) != QLatin1Char(','))
            return badSelector(what, selector, QStringLiteral("a comma is expected at character %1").arg(i + 1));
        ++i;
        skipSpaces(selector, &i);
    }
    return {};
}

QString PromQlTemplates::quote(const QString& value)
{
    QString out;
    out.reserve(value.size() + 2);
    out += QLatin1Char('"');
    for (const QChar c : value) {
        switch (c.unicode()) {
        case '\\':
            out += QLatin1String("\\\\");
            break;
        case '"':
            out += QLatin1String("\\\"");
            break;
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\r':
            out += QLatin1String("\\r");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                out += QStringLiteral("\\x%1").arg(uint(c.unicode()), 2, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
    return out;
}

QString PromQlTemplates::regexEscape(const QString& value)
{
    static const QString special = QStringLiteral("\\.+*?()|[]{}^$");
    QString out;
    out.reserve(value.size() * 2);
    for (const QChar c : value) {
        if (special.contains(c))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

QString PromQlTemplates::duration(int seconds)
{
    if (seconds > 0 && seconds % 3600 == 0)
        return QStringLiteral("%1h").arg(seconds / 3600);
    if (seconds > 0 && seconds % 60 == 0)
        return QStringLiteral("%1m").arg(seconds / 60);
    return QStringLiteral("%1s").arg(std::max(seconds, 1));
}

int PromQlTemplates::rateWindowSeconds(int stepSeconds) const
{
    if (m_settings.rateWindowSeconds > 0)
        return m_settings.rateWindowSeconds;
    return std::max(4 * m_settings.scrapeIntervalSeconds, stepSeconds);
}

QStringList PromQlTemplates::keysFor(const QString& stationName, const QList<QUrl>& metricsUrls) const
{
    if (m_settings.match == PromQlSettings::Match::Name)
        return {stationName};
    QStringList keys;
    for (const QUrl& url : metricsUrls) {
        if (!url.isValid() || url.host().isEmpty())
            continue;
        const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
        const QString host = url.host(QUrl::FullyEncoded);
        const QString key = (host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(host) : host)
            + QLatin1Char(':') + QString::number(port);
        if (!keys.contains(key))
            keys.append(key);
    }
    return keys;
}

QString PromQlTemplates::stationMatcher(const QStringList& keys) const
{
    if (keys.isEmpty())
        return {};
    if (keys.size() == 1)
        return m_settings.label + QLatin1Char('=') + quote(keys.front());
    QStringList alternatives;
    alternatives.reserve(keys.size());
    for (const QString& key : keys)
        alternatives.append(regexEscape(key));
    return m_settings.label + QStringLiteral("=~") + quote(alternatives.join(QLatin1Char('|')));
}

QString PromQlTemplates::selector(const QStringList& matchers) const
{
    QStringList parts;
    for (const QString& matcher : matchers) {
        QString part = matcher.trimmed();
        while (part.endsWith(QLatin1Char(',')))
            part = part.chopped(1).trimmed();
        if (!part.isEmpty())
            parts.append(part);
    }
    return parts.isEmpty() ? QString() : QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
}

QString PromQlTemplates::expression(HealthMetric metric, const QStringList& keys, int stepSeconds) const
{
    const QString by = QStringLiteral("by (%1)").arg(m_settings.label);
    const QString station = stationMatcher(keys);
    const QString node = selector({m_settings.nodeSelector, station});
    const QString process = selector({m_settings.processSelector, station});
    const QString window = QLatin1Char('[') + duration(rateWindowSeconds(stepSeconds)) + QLatin1Char(']');
    const QString memTotal = QStringLiteral("node_memory_MemTotal_bytes") + node;
    const QString memUsed = QStringLiteral("sum %1 (%2 - node_memory_MemAvailable_bytes%3)").arg(by, memTotal, node);
    switch (metric) {
    case HealthMetric::CpuPercent:
        return QStringLiteral("(100 - 100 * avg %1 (rate(node_cpu_seconds_total%2%3))) or label_replace(100 * sum %1 "
                              "(rate(process_cpu_seconds_total%4%3)), \"%5\", \"process\", \"\", \"\")")
            .arg(by, selector({QStringLiteral("mode=\"idle\""), m_settings.nodeSelector, station}), window, process,
                 sourceLabel());
    case HealthMetric::MemoryUsedBytes:
        return memUsed;
    case HealthMetric::MemoryPercent:
        return QStringLiteral("100 * %1 / sum %2 (%3)").arg(memUsed, by, memTotal);
    case HealthMetric::ResidentBytes:
        return QStringLiteral("sum %1 (process_resident_memory_bytes%2)").arg(by, process);
    case HealthMetric::VirtualBytes:
        return QStringLiteral("sum %1 (process_virtual_memory_bytes%2)").arg(by, process);
    case HealthMetric::Up:
        return QStringLiteral("min %1 (up%2)").arg(by, selector({station}));
    case HealthMetric::ScrapeSeconds:
        return QStringLiteral("max %1 (scrape_duration_seconds%2)").arg(by, selector({station}));
    }
    return {};
}

} // namespace sd
