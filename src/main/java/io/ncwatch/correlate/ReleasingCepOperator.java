package io.ncwatch.correlate;

import io.ncwatch.alert.Detection;
import io.ncwatch.event.ContainerEvent;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.cep.nfa.ComputationState;
import org.apache.flink.cep.nfa.NFAState;
import org.apache.flink.cep.nfa.NFAStateSerializer;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.util.OutputTag;

/**
 * Flink's event-time CEP operator, which keeps a key's NFA state forever once it has been written: with
 * {@code container.id} as key that is one entry per container that ever had a listener. This operator
 * releases it when it holds nothing but the pattern's start, which is what a missing state means to
 * CEP: after every timer (CEP sets one per buffered timestamp and one per window end) it checks.
 * CEP's buffered events and shared buffer release themselves as the watermark passes.
 */
final class ReleasingCepOperator extends CepOperator<ContainerEvent, String, Detection> {
    /** The name CepOperator gives its NFA state (private there); the state-release test fails if it changes. */
    private static final String NFA_STATE_NAME = "nfaStateName";

    private transient ValueState<NFAState> nfaState;

    ReleasingCepOperator(
            TypeSerializer<ContainerEvent> inputSerializer,
            NFACompiler.NFAFactory<ContainerEvent> nfaFactory,
            ListenerMatches function,
            OutputTag<ContainerEvent> late) {
        super(inputSerializer, false, nfaFactory, null, AfterMatchSkipStrategy.noSkip(), function, late);
    }

    @Override
    public void open() throws Exception {
        super.open();
        nfaState = getPartitionedState(new ValueStateDescriptor<>(NFA_STATE_NAME, new NFAStateSerializer()));
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        super.onEventTime(timer);
        NFAState state = nfaState.value();
        if (state != null && onlyStart(state)) {
            nfaState.clear();
        }
    }

    private static boolean onlyStart(NFAState state) {
        if (!state.getCompletedMatches().isEmpty()) {
            return false;
        }
        for (ComputationState partial : state.getPartialMatches()) {
            if (partial.getPreviousBufferEntry() != null || partial.getStartEventID() != null) {
                return false;
            }
        }
        return true;
    }
}
