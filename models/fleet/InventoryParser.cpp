// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/InventoryParser.h"

#include "fleet/FleetValidation.h"
#include "fleet/WindowSchedule.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>

namespace sd {

namespace {

const QString kSite = QStringLiteral("stationdeck_site");
const QString kTimeZone = QStringLiteral("stationdeck_timezone");
const QString kWindow = QStringLiteral("stationdeck_window");
const QString kMetricsUrl = QStringLiteral("stationdeck_metrics_url");
const QString kLabels = QStringLiteral("stationdeck_labels");

// The groups each host is a direct member of, and every host named anywhere.
struct Membership
{
    QMap<QString, QStringList> groupsOf;
};

Membership readMembership(const QJsonObject& root)
{
    Membership m;
    for (auto it = root.constBegin(); it != root.constEnd(); ++it) {
        if (it.key() == QLatin1String("_meta"))
            continue;
        const QJsonArray hosts = it.value().toObject().value(QLatin1String("hosts")).toArray();
        for (const QJsonValue& host : hosts) {
            QStringList& groups = m.groupsOf[host.toString()];
            if (it.key() != QLatin1String("all") && it.key() != QLatin1String("ungrouped"))
                groups.append(it.key());
        }
    }
    return m;
}

QString describeValue(const QJsonValue& value)
{
    if (value.isString())
        return QLatin1Char('"') + value.toString() + QLatin1Char('"');
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    return value.toVariant().toString();
}

// Scalars as text; anything else is an error.
std::optional<QString> scalarText(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return std::nullopt;
}

class HostReader
{
public:
    HostReader(QString host, const QStringList& groups, QJsonObject vars)
        : m_host(std::move(host))
        , m_vars(std::move(vars))
    {
        m_where = QStringLiteral("host \"%1\"").arg(m_host);
        if (!groups.isEmpty())
            m_where += QStringLiteral(" (%1 %2)")
                           .arg(groups.size() == 1 ? QStringLiteral("group") : QStringLiteral("groups"),
                                groups.join(QStringLiteral(", ")));
    }

    const QString& where() const { return m_where; }
    bool has(const QString& key) const { return m_vars.contains(key) && !m_vars.value(key).isNull(); }

    Error bad(const QString& key, const QString& why) const
    {
        return Error(QStringLiteral("%1: %2 %3 %4").arg(m_where, key, describeValue(m_vars.value(key)), why));
    }
    Error bad(const QString& key, const Error& why) const
    {
        return Error(QStringLiteral("%1: %2: %3").arg(m_where, key, why.message()));
    }

    Result<QString> text(const QString& key) const
    {
        const auto value = scalarText(m_vars.value(key));
        if (!value)
            return bad(key, QStringLiteral("is not a text value"));
        return value->trimmed();
    }

    Result<QString> windows() const
    {
        const QJsonValue value = m_vars.value(kWindow);
        if (!value.isArray())
            return text(kWindow);
        QStringList entries;
        for (const QJsonValue& entry : value.toArray()) {
            if (!entry.isString())
                return bad(kWindow, QStringLiteral("is not a text or a list of texts"));
            entries.append(entry.toString());
        }
        return entries.join(QStringLiteral("; "));
    }

    Result<QStringList> metricsUrls() const
    {
        if (!has(kMetricsUrl)) {
            const QString address = m_vars.value(QLatin1String("ansible_host")).toString(m_host);
            return QStringList{FleetValidation::defaultMetricsUrl(address.isEmpty() ? m_host : address)};
        }
        const QJsonValue value = m_vars.value(kMetricsUrl);
        QStringList urls;
        if (value.isString()) {
            urls.append(value.toString().trimmed());
        } else if (value.isArray()) {
            for (const QJsonValue& url : value.toArray()) {
                if (!url.isString())
                    return bad(kMetricsUrl, QStringLiteral("is not a URL or a list of URLs"));
                urls.append(url.toString().trimmed());
            }
        } else {
            return bad(kMetricsUrl, QStringLiteral("is not a URL or a list of URLs"));
        }
        for (const QString& url : urls) {
            if (auto checked = FleetValidation::checkMetricsUrl(url); !checked)
                return bad(kMetricsUrl, checked.error());
        }
        return urls;
    }

    Result<QMap<QString, QString>> labels() const
    {
        QMap<QString, QString> labels;
        if (!has(kLabels))
            return labels;
        const QJsonValue value = m_vars.value(kLabels);
        if (!value.isObject())
            return bad(kLabels, QStringLiteral("is not a map of labels"));
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const auto labelValue = scalarText(it.value());
            if (!labelValue)
                return bad(kLabels, QStringLiteral("has label \"%1\" whose value is not text").arg(it.key()));
            labels.insert(it.key(), *labelValue);
        }
        return labels;
    }

    QString ansibleHost() const { return m_vars.value(QLatin1String("ansible_host")).toString(m_host); }

private:
    QString m_host;
    QJsonObject m_vars;
    QString m_where;
};

// Where a site's time zone and windows were first seen, to name both hosts on a conflict.
struct SiteOrigin
{
    Site site;
    QString where;
    bool hasTimeZone = false;
};

Result<void> mergeSite(QMap<QString, SiteOrigin>& sites, const Site& site, bool hasTimeZone, const QString& where)
{
    auto it = sites.find(site.name);
    if (it == sites.end()) {
        sites.insert(site.name, SiteOrigin{site, where, hasTimeZone});
        return {};
    }
    const SiteOrigin& first = *it;
    if (first.site.timeZone != site.timeZone)
        return Error(QStringLiteral("site \"%1\" has two time zones: %2 sets %3 \"%4\" but %5 sets \"%6\"")
                         .arg(site.name, first.where, kTimeZone, first.site.timeZone, where, site.timeZone));
    if (first.site.windows != site.windows)
        return Error(QStringLiteral("site \"%1\" has two maintenance windows: %2 sets %3 \"%4\" but %5 sets \"%6\"")
                         .arg(site.name, first.where, kWindow, first.site.windows, where, site.windows));
    return {};
}

} // namespace

Result<InventoryData> InventoryParser::parse(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error(QStringLiteral("what ansible-inventory printed is not JSON (at byte %1: %2)")
                         .arg(parseError.offset)
                         .arg(parseError.errorString()));
    if (!doc.isObject())
        return Error(QStringLiteral("what ansible-inventory printed is JSON but not an inventory"));
    const QJsonObject root = doc.object();
    const QJsonObject hostvars
        = root.value(QLatin1String("_meta")).toObject().value(QLatin1String("hostvars")).toObject();
    Membership membership = readMembership(root);
    for (auto it = hostvars.constBegin(); it != hostvars.constEnd(); ++it)
        membership.groupsOf[it.key()];

    InventoryData data;
    QMap<QString, SiteOrigin> sites;
    for (auto it = membership.groupsOf.constBegin(); it != membership.groupsOf.constEnd(); ++it) {
        const HostReader host(it.key(), it.value(), hostvars.value(it.key()).toObject());
        if (!host.has(kSite)) {
            data.skippedHosts.append(it.key());
            continue;
        }
        auto siteName = host.text(kSite);
        if (!siteName)
            return siteName.error();
        if (siteName->isEmpty()) {
            data.skippedHosts.append(it.key());
            continue;
        }
        if (auto name = FleetValidation::checkName(*siteName); !name)
            return host.bad(kSite, name.error());
        Site site;
        site.name = *siteName;
        const bool hasTimeZone = host.has(kTimeZone);
        if (hasTimeZone) {
            auto zone = host.text(kTimeZone);
            if (!zone)
                return zone.error();
            if (auto valid = FleetValidation::checkTimeZone(*zone); !valid)
                return host.bad(kTimeZone, valid.error());
            site.timeZone = *zone;
        }
        if (host.has(kWindow)) {
            auto windows = host.windows();
            if (!windows)
                return windows.error();
            site.windows = *windows;
        }
        if (auto schedule = WindowSchedule::parse(site.windows, QTimeZone(site.timeZone.toUtf8())); !schedule)
            return host.bad(kWindow, schedule.error());
        if (auto merged = mergeSite(sites, site, hasTimeZone, host.where()); !merged)
            return merged.error();

        Station station;
        station.name = it.key();
        station.site = site.name;
        station.ansibleHost = host.ansibleHost();
        auto urls = host.metricsUrls();
        if (!urls)
            return urls.error();
        station.metricsUrls = *urls;
        auto labels = host.labels();
        if (!labels)
            return labels.error();
        station.labels = *labels;
        if (auto valid = FleetValidation::checkStation(station); !valid)
            return Error(host.where() + QStringLiteral(": ") + valid.error().message());
        data.stations.append(station);
    }
    for (const SiteOrigin& origin : std::as_const(sites)) {
        data.sites.append(origin.site);
        if (!origin.hasTimeZone)
            data.warnings.append(QStringLiteral("Site \"%1\" has no %2; its maintenance windows are read in UTC.")
                                     .arg(origin.site.name, kTimeZone));
    }
    return data;
}

} // namespace sd
