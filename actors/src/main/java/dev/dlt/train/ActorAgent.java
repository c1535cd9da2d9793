package dev.dlt.train;

import dev.dlt.agent.TiePolicy;
import dev.dlt.model.tie.TieMap;
import dev.dlt.runtime.ActorRuntime;
import dev.dlt.runtime.agent.AgentActor;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The {@link AgentActor} of the actor runtime: it owns the policy's decisions and sends {@code TieTo(j)} /
 * {@code Untie} to the coordinator, which applies them between steps. The trainer's thread only asks it to
 * decide at the scheduled boundaries and tells it the rewards.
 */
final class ActorAgent implements TieAgent {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final ActorRuntime runtime;
    private final TiePolicy policy;
    private final ActorRef<AgentActor.Command> agent;

    ActorAgent(ActorRuntime runtime, TiePolicy policy) {
        this.runtime = runtime;
        this.policy = policy;
        this.agent = runtime.system().systemActorOf(AgentActor.create(policy, runtime.ties(), runtime.coordinator()),
                "agent", Props.empty());
    }

    @Override
    public void startEpisode(int episode) {
        agent.tell(new AgentActor.StartEpisode(episode));
    }

    @Override
    public int decideAndApply(int layer, TieMap state) {
        AgentActor.Decision d = AskPattern.<AgentActor.Command, AgentActor.Decision>ask(agent,
                        replyTo -> new AgentActor.Decide(layer, replyTo), TIMEOUT, runtime.system().scheduler())
                .toCompletableFuture().join();
        if (d.error() != null) {
            throw new IllegalStateException("agent decision for layer " + layer + " failed: " + d.error());
        }
        return d.action();
    }

    @Override
    public void learn(int layer, TieMap before, int action, double reward, TieMap after) {
        agent.tell(new AgentActor.Learn(layer, before.toArray(), action, after.toArray(), reward));
    }

    @Override
    public void endEpisode() {
        agent.tell(new AgentActor.EndEpisode());
    }

    /** The policy is thread-safe; reading ε from here does not race the actor. */
    @Override
    public double epsilon() {
        return policy.epsilon();
    }
}
