package dev.dlt.runtime.pipeline;

import org.apache.pekko.actor.typed.ActorRef;

/** A unit of work the {@link Coordinator} queues and its {@link JobRunner} runs, one at a time, in arrival order. */
sealed interface Job {
    record Step(Coordinator.TrainStep request) implements Job {}

    record Eval(Coordinator.Evaluate request) implements Job {}

    /** A tie change already validated against the state after every earlier queued change. */
    record Retie(int layer, int target, boolean untie, ActorRef<Coordinator.TieReply> replyTo) implements Job {}

    record Export(Coordinator.ExportModel request) implements Job {}
}
