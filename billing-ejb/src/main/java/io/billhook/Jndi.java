package io.billhook;

/** The resources that server.xml defines, named once. */
public final class Jndi {
    public static final String DATA_SOURCE = "jdbc/billhook";
    public static final String CONNECTION_FACTORY = "jms/BillhookConnectionFactory";
    public static final String WEBHOOK_EVENTS_QUEUE = "jms/WebhookEvents";

    private Jndi() {
    }
}
