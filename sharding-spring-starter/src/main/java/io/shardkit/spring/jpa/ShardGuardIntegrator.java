package io.shardkit.spring.jpa;

import io.shardkit.entity.ShardGuard;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.MergeContext;
import org.hibernate.event.spi.MergeEvent;
import org.hibernate.event.spi.MergeEventListener;
import org.hibernate.event.spi.PersistContext;
import org.hibernate.event.spi.PersistEvent;
import org.hibernate.event.spi.PersistEventListener;
import org.hibernate.event.spi.PreInsertEvent;
import org.hibernate.event.spi.PreInsertEventListener;
import org.hibernate.event.spi.PreUpdateEvent;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.hibernate.integrator.spi.Integrator;

/**
 * Registers {@link ShardGuard} with Hibernate: an entity that declares a shard key is checked against its session's
 * shard (the tenant) when it is persisted or merged (so {@code repository.save(orderOfB)} inside a call bound to A
 * fails at once, with {@code WrongShardWriteException} itself) and again just before each insert and update, which
 * also covers a managed entity whose key was changed in place (dirty checking); that last check runs at flush, so
 * at commit it reaches the caller as the cause of Spring's {@code TransactionSystemException}, the transaction
 * rolled back.
 *
 * <p>Thread-safe.
 */
public final class ShardGuardIntegrator implements Integrator {

    private final ShardGuard guard;

    public ShardGuardIntegrator(ShardGuard guard) {
        this.guard = guard;
    }

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
                          SessionFactoryImplementor sessionFactory) {
        EventListenerRegistry listeners = sessionFactory.getEventListenerRegistry();
        Listener listener = new Listener(guard);
        listeners.prependListeners(EventType.PERSIST, listener);
        listeners.prependListeners(EventType.MERGE, listener);
        listeners.appendListeners(EventType.PRE_INSERT, listener);
        listeners.appendListeners(EventType.PRE_UPDATE, listener);
    }

    /** Checks each written entity against its session's tenant. */
    private record Listener(ShardGuard guard) implements PersistEventListener, MergeEventListener,
            PreInsertEventListener, PreUpdateEventListener {

        @Override
        public void onPersist(PersistEvent event) {
            check(event.getObject(), event.getSession());
        }

        @Override
        public void onPersist(PersistEvent event, PersistContext createdAlready) {
            check(event.getObject(), event.getSession());
        }

        @Override
        public void onMerge(MergeEvent event) {
            check(event.getOriginal(), event.getSession());
        }

        @Override
        public void onMerge(MergeEvent event, MergeContext copiedAlready) {
            check(event.getOriginal(), event.getSession());
        }

        @Override
        public boolean onPreInsert(PreInsertEvent event) {
            check(event.getEntity(), event.getSession());
            return false;
        }

        @Override
        public boolean onPreUpdate(PreUpdateEvent event) {
            check(event.getEntity(), event.getSession());
            return false;
        }

        private void check(Object entity, SharedSessionContractImplementor session) {
            Object tenant = session.getTenantIdentifierValue();
            if (ShardTenantResolver.UNBOUND.equals(tenant)) {
                throw ShardTenantResolver.refused();
            }
            if (tenant != null) {
                guard.checkEntity(entity, tenant.toString());
            }
        }
    }
}
