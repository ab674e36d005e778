// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/FleetOverview.h"

#include "health/HealthBadge.h"
#include "metrics/PercentText.h"

#include <QHBoxLayout>
#include <QLabel>

namespace sd {

namespace {

QString stations(int count)
{
    return count == 1 ? FleetOverview::tr("1 station") : FleetOverview::tr("%1 stations").arg(count);
}

QString heading(const QString& text)
{
    return QStringLiteral("<b>%1</b><br>").arg(text.toHtmlEscaped());
}

QString entries(const QList<FleetHealthSummary::Entry>& list, const QString& none)
{
    if (list.isEmpty())
        return QStringLiteral("<span style=\"color:gray\">%1</span>").arg(none.toHtmlEscaped());
    QStringList rows;
    for (const auto& entry : list) {
        rows.append(QStringLiteral("<a href=\"station:%1\">%2</a>&nbsp;&nbsp;%3")
                        .arg(QString::fromLatin1(QUrl::toPercentEncoding(entry.station)), entry.station.toHtmlEscaped(),
                             formatPercent(entry.value).replace(QLatin1Char(' '), QStringLiteral("&nbsp;"))));
    }
    return rows.join(QStringLiteral("<br>"));
}

} // namespace

FleetOverview::FleetOverview(QWidget* parent)
    : QFrame(parent)
    , m_states(column(QStringLiteral("OverviewStates")))
    , m_cpu(column(QStringLiteral("OverviewCpu")))
    , m_memory(column(QStringLiteral("OverviewMemory")))
    , m_links(column(QStringLiteral("OverviewLinks")))
{
    setObjectName(QStringLiteral("FleetOverview"));
    setFrameShape(QFrame::StyledPanel);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->setSpacing(28);
    for (QLabel* label : {m_states, m_cpu, m_memory, m_links})
        layout->addWidget(label, 0, Qt::AlignTop);
    layout->addStretch();
    setNote(tr("Waiting for the first scrape…"));
}

QLabel* FleetOverview::column(const QString& objectName)
{
    auto* label = new QLabel(this);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(label, &QLabel::linkActivated, this, &FleetOverview::onLink);
    return label;
}

void FleetOverview::setSummary(const FleetHealthSummary& summary)
{
    QStringList states;
    for (HealthState state :
         {HealthState::Up, HealthState::Down, HealthState::LinkDown, HealthState::Stale, HealthState::Unknown}) {
        const int count = summary.count(state);
        if (count == 0 && state != HealthState::Up && state != HealthState::Down)
            continue;
        states.append(QStringLiteral("<span style=\"color:%1\">&#9679;</span>&nbsp;%2&nbsp;%3")
                          .arg(HealthBadge::color(state).name())
                          .arg(count)
                          .arg(healthStateText(state).toHtmlEscaped()));
    }
    m_states->setText(heading(stations(summary.total())) + states.join(QStringLiteral("<br>")));
    m_cpu->setText(heading(tr("Busiest CPU")) + entries(summary.topCpu, tr("no figures yet")));
    m_memory->setText(heading(tr("Most memory used")) + entries(summary.topMemory, tr("no figures yet")));
    if (summary.linkDownSites.isEmpty()) {
        m_links->setText(heading(tr("Site links"))
                         + QStringLiteral("<span style=\"color:gray\">%1</span>").arg(tr("all up")));
    } else {
        QStringList sites;
        for (const auto& site : summary.linkDownSites) {
            sites.append(QStringLiteral("<span style=\"color:%1\">&#9679;</span>&nbsp;%2 (%3)")
                             .arg(HealthBadge::color(HealthState::LinkDown).name(), site.site.toHtmlEscaped(),
                                  stations(site.stations)));
        }
        m_links->setText(heading(tr("Link down")) + sites.join(QStringLiteral("<br>")));
    }
    for (QLabel* label : {m_cpu, m_memory, m_links})
        label->show();
}

void FleetOverview::setNote(const QString& sentence)
{
    m_states->setText(sentence.toHtmlEscaped());
    for (QLabel* label : {m_cpu, m_memory, m_links})
        label->hide();
}

void FleetOverview::onLink(const QString& link)
{
    if (link.startsWith(QLatin1String("station:")))
        Q_EMIT stationActivated(QUrl::fromPercentEncoding(link.mid(8).toUtf8()));
}

} // namespace sd
