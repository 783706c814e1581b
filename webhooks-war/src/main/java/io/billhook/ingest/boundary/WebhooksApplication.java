package io.billhook.ingest.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

@ApplicationPath("/")
public class WebhooksApplication extends Application {
}
