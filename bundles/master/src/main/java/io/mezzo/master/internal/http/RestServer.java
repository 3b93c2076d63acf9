package io.mezzo.master.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every service marked {@value #RESOURCE_PROPERTY}{@code =true} (JAX-RS resources and providers)
 * as one CXF endpoint at the root of the HTTP service, so paths are exactly Mesos' ({@code /health},
 * {@code /api/v1/scheduler}). The endpoint is rebuilt when the set of resources changes.
 */
@Component(immediate = true, service = {})
public class RestServer {
    /** Service property that marks a JAX-RS resource or provider to publish. */
    public static final String RESOURCE_PROPERTY = "mezzo.http";
    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    private final List<Object> resources = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private Bus bus;
    private Server server;
    private boolean active;

    @Reference(service = Object.class, target = "(" + RESOURCE_PROPERTY + "=true)",
            cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindResource(Object resource) {
        resources.add(resource);
        republish();
    }

    void unbindResource(Object resource) {
        resources.remove(resource);
        republish();
    }

    @Activate
    void activate() {
        synchronized (lock) {
            active = true;
            publish();
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (lock) {
            active = false;
            unpublish();
        }
    }

    private void republish() {
        synchronized (lock) {
            if (active) {
                unpublish();
                publish();
            }
        }
    }

    private void publish() {
        List<Object> beans = new ArrayList<>();
        List<Object> providers = new ArrayList<>();
        for (Object r : resources) {
            if (r.getClass().isAnnotationPresent(javax.ws.rs.ext.Provider.class)) {
                providers.add(r);
            } else {
                beans.add(r);
            }
        }
        if (beans.isEmpty()) {
            return;
        }
        // CXF discovers its extensions through the thread context class loader
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(RestServer.class.getClassLoader());
        try {
            bus = BusFactory.newInstance().createBus();
            JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
            factory.setBus(bus);
            factory.setAddress("/");
            factory.setServiceBeans(beans);
            factory.setProviders(providers);
            server = factory.create();
            LOG.info("HTTP API published: {} resources, {} providers", beans.size(), providers.size());
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    private void unpublish() {
        if (server != null) {
            server.destroy();
            server = null;
        }
        if (bus != null) {
            bus.shutdown(false);
            bus = null;
        }
    }
}
