// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace sd {

// Draws a small status dot before the window text: green while the window is open, grey
// otherwise. Reads a bool role from the model; the text stays the model's.
class WindowStateDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    WindowStateDelegate(int openRole, QObject* parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    int m_openRole;
};

} // namespace sd
