// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/AnsibleErrorText.h"

#include <QList>
#include <QRegularExpression>
#include <QStringList>

namespace sd {

namespace {

struct PluginFailure
{
    QString plugin;
    QString message;
};

QString oneLine(const QString& text)
{
    static const QRegularExpression ansi(QStringLiteral("\x1b\\[[0-9;]*m"));
    static const QRegularExpression space(QStringLiteral("\\s+"));
    return QString(text).remove(ansi).replace(space, QStringLiteral(" ")).trimmed();
}

// The plugins that fit a file: YAML and JSON files are read by auto/yaml, anything else by ini.
bool fits(const QString& plugin, const QString& path)
{
    const QString lower = path.toLower();
    const bool yaml = lower.endsWith(QLatin1String(".yml")) || lower.endsWith(QLatin1String(".yaml"))
        || lower.endsWith(QLatin1String(".json"));
    if (yaml)
        return plugin == QLatin1String("yaml") || plugin == QLatin1String("auto");
    return plugin == QLatin1String("ini");
}

} // namespace

QString AnsibleErrorText::summarize(const QString& stderrText, const QString& inventoryPath)
{
    const QString text = oneLine(stderrText);
    // Split into Ansible's own messages: each starts with "[WARNING]:" or "ERROR!".
    static const QRegularExpression marker(QStringLiteral("(\\[WARNING\\]:|ERROR!)"));
    QStringList messages;
    qsizetype start = -1;
    for (auto it = marker.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        if (start >= 0)
            messages.append(text.mid(start, match.capturedStart() - start).trimmed());
        start = match.capturedStart();
    }
    if (start >= 0)
        messages.append(text.mid(start).trimmed());
    if (messages.isEmpty())
        return text.isEmpty() ? QStringLiteral("it exited with an error and printed nothing") : text.left(800);

    static const QRegularExpression failedPlugin(
        QStringLiteral("^\\[WARNING\\]: \\* Failed to parse .* with (\\w+) plugin: (.*)$"));
    QList<PluginFailure> failures;
    QStringList others;
    for (const QString& message : std::as_const(messages)) {
        const auto match = failedPlugin.match(message);
        if (match.hasMatch())
            failures.append({match.captured(1), match.captured(2).trimmed()});
        else if (message.startsWith(QLatin1String("ERROR!")))
            others.append(message.mid(6).trimmed());
    }
    QStringList reasons;
    for (const PluginFailure& failure : std::as_const(failures)) {
        if (fits(failure.plugin, inventoryPath) && !reasons.contains(failure.message))
            reasons.append(failure.message);
    }
    if (reasons.isEmpty()) {
        for (const PluginFailure& failure : std::as_const(failures)) {
            if (!reasons.contains(failure.message))
                reasons.append(failure.message);
        }
    }
    if (reasons.isEmpty())
        reasons = others;
    QString summary = reasons.join(QStringLiteral(" — "));
    if (summary.size() > 800)
        summary = summary.left(800) + QStringLiteral("…");
    return summary;
}

} // namespace sd
