package io.mezzo.executor.command.internal;

import java.lang.annotation.Annotation;

/**
 * The real command executor for the agent's tests, started and stopped as DS would (this class
 * sits in the executor's package only to reach its package-private deactivate).
 */
public final class RealCommandExecutor implements AutoCloseable {
    private final CommandExecutorComponent component = new CommandExecutorComponent(
            new CommandExecutorComponent.Config() {
                @Override
                public Class<? extends Annotation> annotationType() {
                    return CommandExecutorComponent.Config.class;
                }

                @Override
                public int launch_threads() {
                    return 2;
                }

                @Override
                public long reattach_poll_interval_ms() {
                    return 50;
                }

                @Override
                public String[] inherited_environment() {
                    return new String[] {"PATH"};
                }
            });

    public io.mezzo.api.executor.Executor executor() {
        return component;
    }

    /** Stops the executor's threads; tasks keep running, as after a bundle stop. */
    @Override
    public void close() {
        component.deactivate();
    }
}
