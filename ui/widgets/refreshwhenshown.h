#pragma once

#include <QObject>

#include <functional>

class QWidget;

namespace quorum {

/**
 * Runs a page's refresh at once while the page is shown, and otherwise once when it is next shown: a page
 * the user is not looking at does no work for each edit made on another (on a large record and a server,
 * each refresh is a query or more). Owned by the page.
 */
class RefreshWhenShown : public QObject {
public:
    RefreshWhenShown(QWidget *page, std::function<void()> refresh);

    /** The page's content may be stale: refresh now if it is shown, else when it is next shown. */
    void request();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *m_page;
    std::function<void()> m_refresh;
    bool m_stale = false;
};

} // namespace quorum
