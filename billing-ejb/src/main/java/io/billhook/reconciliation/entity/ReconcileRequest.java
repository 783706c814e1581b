package io.billhook.reconciliation.entity;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What to reconcile: one company's customers or every linked one, which kinds of object, and whether to repair. */
public record ReconcileRequest(Long companyId, Set<MirroredObject> objects, boolean repair) {

    public ReconcileRequest {
        objects = objects == null || objects.isEmpty() ? EnumSet.allOf(MirroredObject.class) : EnumSet.copyOf(objects);
    }

    /** Names as the CLI and the API take them ({@code subscriptions}, {@code invoices}); none means both. */
    public static Set<MirroredObject> objects(List<String> names) {
        Set<MirroredObject> kinds = EnumSet.noneOf(MirroredObject.class);
        if (names != null) {
            names.stream().filter(name -> !name.isBlank()).map(MirroredObject::of).forEach(kinds::add);
        }
        return kinds;
    }
}
