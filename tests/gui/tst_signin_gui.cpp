// SPDX-License-Identifier: GPL-3.0-or-later
// The console's sign-in as a user meets it, under Xvfb, against the real OIDC lab and keychain
// (test_signin_gui.sh starts Xvfb, the lab and gnome-keyring). The system browser is the lab's
// scripted browser, reached through $BROWSER exactly as a real one would be.
#include "GuiApp.h"
#include "MainWindow.h"
#include "SignInController.h"
#include "auth/AccountButton.h"
#include "auth/AuthConfig.h"
#include "auth/AuthProfiles.h"
#include "auth/SignInDialog.h"

#include <QApplication>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace sd;

class TestSignInGui : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_shots = qEnvironmentVariable("STATIONDECK_SCREENSHOT_DIR");

    GuiApp::Options options() const
    {
        return {QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("gui.db")), QString(), QString(), QString(),
                QString()};
    }

    void shoot(QWidget* widget, const QString& name)
    {
        if (m_shots.isEmpty())
            return;
        QVERIFY(widget->grab().save(m_shots + QLatin1Char('/') + name));
    }

    // Starts the console as main() does and shows its window.
    void startShown(GuiApp& app, AccountButton*& button)
    {
        QVERIFY(app.start(options()));
        QVERIFY(app.window());
        app.window()->show();
        button = app.signIn()->accountButton();
    }

    // Answers the next message box (the end-session question) with No.
    void answerNextMessageBox()
    {
        QTimer::singleShot(200, this, [this] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                shoot(box, QStringLiteral("signin-signed-out.png"));
                box->button(QMessageBox::No)->click();
            } else {
                answerNextMessageBox();
            }
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("STATIONDECK_TEST_ISSUER"))
            QSKIP("run through tests/gui/test_signin_gui.sh, which starts Xvfb, the OIDC lab and the keychain");
        QVERIFY(m_dir.isValid());
        QSettings settings;
        settings.clear();
        AuthConfig config;
        config.issuer = QUrl(qEnvironmentVariable("STATIONDECK_TEST_ISSUER"));
        config.clientId = QStringLiteral("stationdeck");
        config.scopes << QStringLiteral("email");
        AuthProfiles::save(settings, AuthProfiles::defaultName(), config);
    }

    void signInRestartAndSignOut()
    {
        {
            GuiApp app;
            QVERIFY(app.start(options()));
            MainWindow* window = app.window();
            QVERIFY(window);
            window->resize(1100, 640);
            window->show();
            QVERIFY(QTest::qWaitForWindowExposed(window));
            AccountButton* button = app.signIn()->accountButton();
            QVERIFY(button);
            // Nothing in the keychain yet: the restore at start ends signed out.
            QVERIFY(QTest::qWaitFor([&] { return !button->account().busy; }, 20000));
            QCOMPARE(button->text(), QStringLiteral("Sign In"));
            shoot(window, QStringLiteral("signin-signed-out-window.png"));

            QTest::mouseClick(button, Qt::LeftButton);
            SignInDialog* dialog = app.signIn()->dialog();
            QVERIFY(dialog);
            // The browser ($BROWSER = the lab's scripted browser) signs in as alice and comes back.
            QVERIFY(QTest::qWaitFor([&] { return !dialog->authorizationUrl().isEmpty(); }, 20000));
            shoot(dialog, QStringLiteral("signin-dialog.png"));
            QVERIFY(QTest::qWaitFor([&] { return button->account().signedIn; }, 60000));
            QCOMPARE(button->text(), QStringLiteral("Alice Operator"));
            QCOMPARE(button->account().roles,
                     (QStringList{QStringLiteral("viewer"), QStringLiteral("operator"), QStringLiteral("approver")}));
            QVERIFY2(button->account().status.startsWith(QStringLiteral("Signed in as Alice Operator — token until")),
                     qPrintable(button->account().status));
            QVERIFY(QTest::qWaitFor([&] { return !app.signIn()->session().isKeychainBusy(); }, 10000));
            QVERIFY(QTest::qWaitFor([&] { return !app.signIn()->dialog(); }, 5000)); // closed itself
            QTimer::singleShot(300, this, [&] {
                shoot(window, QStringLiteral("signin-signed-in-window.png"));
                shoot(button->accountMenu(), QStringLiteral("signin-menu.png"));
                button->accountMenu()->close();
            });
            button->showMenu();
        }
        // A restart: still signed in, no browser.
        GuiApp app;
        AccountButton* button = nullptr;
        startShown(app, button);
        QVERIFY(button);
        QVERIFY(QTest::qWaitFor([&] { return button->account().signedIn; }, 30000));
        QCOMPARE(button->text(), QStringLiteral("Alice Operator"));
        QVERIFY(button->account().roles.contains(QStringLiteral("approver")));

        // Sign out from the menu; the question about the provider's page is answered No.
        answerNextMessageBox();
        const QList<QAction*> actions = button->accountMenu()->actions();
        QAction* signOut = nullptr;
        for (QAction* action : actions) {
            if (action->text().remove(QLatin1Char('&')) == QLatin1String("Sign Out"))
                signOut = action;
        }
        QVERIFY(signOut);
        signOut->trigger();
        QVERIFY(QTest::qWaitFor([&] { return !button->account().signedIn; }, 30000));
        QCOMPARE(button->text(), QStringLiteral("Sign In"));
        QVERIFY(QTest::qWaitFor([&] { return !app.signIn()->session().isKeychainBusy(); }, 10000));
    }

    void afterSignOutARestartIsSignedOut()
    {
        GuiApp app;
        QVERIFY(app.start(options()));
        AccountButton* button = app.signIn()->accountButton();
        QVERIFY(button);
        QVERIFY(QTest::qWaitFor([&] { return app.signIn()->session().state() == Session::State::SignedOut; }, 30000));
        QCOMPARE(button->text(), QStringLiteral("Sign In"));
    }

    void aRefusedSignInIsShownAsASentence()
    {
        qputenv("LAB_BROWSER_ARGS", "--deny");
        GuiApp app;
        AccountButton* button = nullptr;
        startShown(app, button);
        QVERIFY(button);
        QVERIFY(QTest::qWaitFor([&] { return app.signIn()->session().state() == Session::State::SignedOut; }, 30000));
        QTest::mouseClick(button, Qt::LeftButton);
        SignInDialog* dialog = app.signIn()->dialog();
        QVERIFY(dialog);
        QLabel* error = nullptr;
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (QLabel* label : dialog->findChildren<QLabel*>()) {
                    if (label->isVisible() && label->text().contains(QLatin1String("access_denied")))
                        error = label;
                }
                return error != nullptr;
            },
            60000));
        QVERIFY2(error->text().startsWith(QLatin1String("The identity provider refused the sign-in: access_denied")),
                 qPrintable(error->text()));
        shoot(dialog, QStringLiteral("signin-refused.png"));
        qunsetenv("LAB_BROWSER_ARGS");
        dialog->reject();
    }
};

QTEST_MAIN(TestSignInGui)
#include "tst_signin_gui.moc"
