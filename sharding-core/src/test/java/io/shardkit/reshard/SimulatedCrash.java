package io.shardkit.reshard;

/** Thrown by a test listener to stop a mover at a step, as if its process died there. */
final class SimulatedCrash extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SimulatedCrash(MoveStep step) {
        super("mover killed before " + step);
    }
}
