//! The outbox delivered for real: a real store (SQLite, and PostgreSQL when
//! `VIVIER_TEST_POSTGRES` names a server), a real SMTP dialogue with a sink on the loopback,
//! real `.eml` files.

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;

use common::{SmtpSink, free_port, mail, now, smtp_sender, sqlite};
use mail_parser::{MessageParser, MimeHeaders};
use vivier_mail::{MailSender, MailTransport, SendReport, SmtpServer};
use vivier_store::Store;
use vivier_store::accounts::OutboxCounts;
use vivier_store_postgres::testing::private_schema;

/// Checks one received message: sender, recipient, subject and both parts, accents intact.
fn assert_is_the_test_mail(raw: &[u8], to: &str) {
    let message = MessageParser::default().parse(raw).unwrap();
    let from = message.from().unwrap().first().unwrap();
    assert_eq!(from.address(), Some("ne-pas-repondre@vivier.localhost"));
    assert_eq!(from.name(), Some("Vivier"));
    assert_eq!(
        message.to().unwrap().first().unwrap().address(),
        Some(to),
        "To"
    );
    assert_eq!(message.subject(), Some(common::SUBJECT));
    let content_type = message.content_type().unwrap();
    assert_eq!(
        (content_type.ctype(), content_type.subtype()),
        ("multipart", Some("alternative"))
    );
    assert_eq!(message.text_body_count(), 1);
    assert_eq!(message.html_body_count(), 1);
    // Line breaks travel as CRLF, as SMTP wants them.
    let text = message.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(
        text.starts_with("Bonjour Élodie,\n\nVoici le lien"),
        "{text}"
    );
    assert!(text.contains("À bientôt, l'équipe Vivier"), "{text}");
    assert!(!text.contains("<p>"), "{text}");
    let html = message.body_html(0).unwrap();
    assert!(html.contains("<p>Bonjour Élodie,</p>"), "{html}");
    assert!(html.contains(">vérifier</a>"), "{html}");
    assert_eq!(
        message.header_raw("Auto-Submitted").map(str::trim),
        Some("auto-generated")
    );
}

async fn counts(store: &Arc<dyn Store>) -> OutboxCounts {
    store.outbox_counts().await.unwrap()
}

#[tokio::test]
async fn a_mail_reaches_the_smtp_server_with_its_accents_and_both_parts() {
    let store = sqlite().await;
    let sink = SmtpSink::start().await;
    store
        .enqueue_mail(&mail("elodie@exemple.fr"))
        .await
        .unwrap();

    let report = smtp_sender(&store, sink.server())
        .send_due(now())
        .await
        .unwrap();

    assert_eq!(
        report,
        SendReport {
            claimed: 1,
            sent: 1,
            ..SendReport::default()
        }
    );
    let received = sink.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].mail_from, "ne-pas-repondre@vivier.localhost");
    assert_eq!(received[0].rcpt_to, ["elodie@exemple.fr"]);
    assert_is_the_test_mail(&received[0].data, "elodie@exemple.fr");
    assert_eq!(
        counts(&store).await,
        OutboxCounts {
            waiting: 0,
            sent: 1,
            abandoned: 0
        }
    );
    // Sent is sent: nothing goes out twice.
    let later = smtp_sender(&store, sink.server())
        .send_due(now() + 86_400)
        .await
        .unwrap();
    assert_eq!(later.claimed, 0);
}

/// The server is down: the mail waits in the outbox, and goes out once the server is back.
async fn mail_waits_while_the_server_is_down(store: Arc<dyn Store>) {
    let addr = free_port().await;
    let server = SmtpServer::parse(&format!("smtp://{addr}")).unwrap();
    store.enqueue_mail(&mail("nadia@exemple.fr")).await.unwrap();
    let sender = smtp_sender(&store, server);
    let start = now();

    let report = sender.send_due(start).await.unwrap();
    assert_eq!((report.claimed, report.retried, report.sent), (1, 1, 0));
    assert_eq!(
        counts(&store).await,
        OutboxCounts {
            waiting: 1,
            sent: 0,
            abandoned: 0
        },
        "nothing is lost"
    );
    // Due again in 30 s, not before.
    let early = sender.send_due(start + 29).await.unwrap();
    assert_eq!(early.claimed, 0, "retried before its time");

    // Still down at the second attempt: the next wait doubles.
    let report = sender.send_due(start + 30).await.unwrap();
    assert_eq!(report.retried, 1);
    assert_eq!(sender.send_due(start + 30 + 59).await.unwrap().claimed, 0);

    let sink = SmtpSink::start_on(addr, None).await;
    let report = sender.send_due(start + 30 + 60).await.unwrap();
    assert_eq!((report.claimed, report.sent), (1, 1));
    assert_eq!(
        counts(&store).await,
        OutboxCounts {
            waiting: 0,
            sent: 1,
            abandoned: 0
        }
    );
    let received = sink.received();
    assert_eq!(received.len(), 1);
    assert_is_the_test_mail(&received[0].data, "nadia@exemple.fr");
}

#[tokio::test]
async fn a_mail_waits_while_the_server_is_down_then_goes_out() {
    mail_waits_while_the_server_is_down(sqlite().await).await;
}

#[tokio::test]
async fn a_mail_waits_while_the_server_is_down_then_goes_out_on_postgres() {
    let Some(schema) = private_schema("mail_waits_while_the_server_is_down").await else {
        return;
    };
    let store: Arc<dyn Store> = Arc::new(schema.another_connection().await);
    store.migrate().await.unwrap();
    mail_waits_while_the_server_is_down(store).await;
    schema.drop().await;
}

#[tokio::test]
async fn a_recipient_refused_for_good_is_abandoned() {
    let store = sqlite().await;
    let sink =
        SmtpSink::refusing_recipients("550 5.1.1 <inconnu@exemple.fr>: Utilisateur inconnu").await;
    store
        .enqueue_mail(&mail("inconnu@exemple.fr"))
        .await
        .unwrap();
    let sender = smtp_sender(&store, sink.server());

    let report = sender.send_due(now()).await.unwrap();
    assert_eq!((report.claimed, report.abandoned), (1, 1));
    assert_eq!(
        counts(&store).await,
        OutboxCounts {
            waiting: 0,
            sent: 0,
            abandoned: 1
        }
    );
    assert!(sink.received().is_empty());
    // Never tried again, however long one waits.
    assert_eq!(
        sender.send_due(now() + 7 * 86_400).await.unwrap().claimed,
        0
    );
}

#[tokio::test]
async fn a_temporary_refusal_is_tried_again_later() {
    let store = sqlite().await;
    let sink = SmtpSink::refusing_recipients("451 4.3.0 Essayez plus tard").await;
    store.enqueue_mail(&mail("zoe@exemple.fr")).await.unwrap();
    let sender = smtp_sender(&store, sink.server());

    let start = now();
    let report = sender.send_due(start).await.unwrap();
    assert_eq!((report.claimed, report.retried), (1, 1));
    assert_eq!(counts(&store).await.waiting, 1);
    assert_eq!(sender.send_due(start + 30).await.unwrap().claimed, 1);
}

#[tokio::test]
async fn the_file_transport_writes_one_eml_per_message() {
    let store = sqlite().await;
    let directory = tempfile::tempdir().unwrap();
    // Created with the first message.
    let mails = directory.path().join("data/mails");
    let recipients = ["ines@exemple.fr", "oscar@exemple.fr", "chloe@exemple.fr"];
    for to in recipients {
        store.enqueue_mail(&mail(to)).await.unwrap();
    }
    let sender = MailSender::new(
        store.clone(),
        MailTransport::file(&mails),
        vivier_mail::default_from(),
    );

    let report = sender.send_due(now()).await.unwrap();
    assert_eq!((report.claimed, report.sent), (3, 3));

    let mut seen = BTreeSet::new();
    for entry in std::fs::read_dir(&mails).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(path.extension().and_then(|e| e.to_str()), Some("eml"));
        let raw = std::fs::read(&path).unwrap();
        let message = MessageParser::default().parse(&raw).unwrap();
        let to = message
            .to()
            .unwrap()
            .first()
            .unwrap()
            .address()
            .unwrap()
            .to_owned();
        assert_is_the_test_mail(&raw, &to);
        assert!(seen.insert(to), "one file per message");
    }
    let expected: BTreeSet<String> = recipients.iter().map(|to| to.to_string()).collect();
    assert_eq!(seen, expected);
    assert_eq!(counts(&store).await.sent, 3);
}

/// Two senders (two nodes) on one outbox: every mail goes out exactly once.
async fn two_senders_deliver_each_mail_once(first: Arc<dyn Store>, second: Arc<dyn Store>) {
    let sink = SmtpSink::start().await;
    let expected: Vec<String> = (0..30).map(|i| format!("agent{i}@exemple.fr")).collect();
    for to in &expected {
        first.enqueue_mail(&mail(to)).await.unwrap();
    }
    let senders = [
        smtp_sender(&first, sink.server()).with_batch(4),
        smtp_sender(&second, sink.server()).with_batch(4),
    ];
    let drain = |sender: MailSender| {
        tokio::spawn(async move {
            let mut sent = 0;
            loop {
                let report = sender.send_due(now()).await.unwrap();
                sent += report.sent;
                assert_eq!(report.sent, report.claimed, "{report:?}");
                if report.claimed == 0 {
                    return sent;
                }
            }
        })
    };
    let [a, b] = senders.map(drain);
    let (a, b) = (a.await.unwrap(), b.await.unwrap());
    assert_eq!(a + b, expected.len());

    let mut delivered: Vec<String> = sink
        .received()
        .into_iter()
        .flat_map(|received| received.rcpt_to)
        .collect();
    delivered.sort();
    let mut expected = expected;
    expected.sort();
    assert_eq!(delivered, expected, "each mail exactly once");
    assert_eq!(
        counts(&first).await,
        OutboxCounts {
            waiting: 0,
            sent: 30,
            abandoned: 0
        }
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_senders_on_one_store_deliver_each_mail_once() {
    let store = sqlite().await;
    two_senders_deliver_each_mail_once(store.clone(), store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_on_postgres_deliver_each_mail_once() {
    let Some(schema) = private_schema("two_nodes_deliver_each_mail_once").await else {
        return;
    };
    let first: Arc<dyn Store> = Arc::new(schema.another_connection().await);
    first.migrate().await.unwrap();
    let second: Arc<dyn Store> = Arc::new(schema.another_connection().await);
    two_senders_deliver_each_mail_once(first, second).await;
    schema.drop().await;
}

#[tokio::test]
async fn the_background_task_delivers_what_is_queued() {
    let store = sqlite().await;
    let sink = SmtpSink::start().await;
    let task = smtp_sender(&store, sink.server()).spawn(std::time::Duration::from_millis(50));
    store.enqueue_mail(&mail("lea@exemple.fr")).await.unwrap();
    for _ in 0..200 {
        if counts(&store).await.sent == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    task.abort();
    assert_eq!(counts(&store).await.sent, 1);
    assert_eq!(sink.received().len(), 1);
}
