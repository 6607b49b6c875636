package cn.nekj.tools.mongo;

import de.bwaldvogel.mongo.bson.Document;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An index that can say what answering a query through it would cost (how many candidates it would hand
 * over), so that of a collection's indexes only the cheapest one answers (the server asks each in turn
 * whether it can handle a query and takes the first that says yes).
 */
interface Planned {

    /** Candidates this index would return for the query, or {@link Long#MAX_VALUE} when it cannot answer it. */
    long cost(Document query);

    String getName();

    /**
     * The planned indexes of one collection by name, in creation order (ties go to the earlier one). The
     * server builds a new index object on every createIndexes call and keeps the existing one of that name,
     * so the first of a name stays registered until it is dropped.
     */
    final class Siblings {
        private final Map<String, Planned> members = new LinkedHashMap<>();

        synchronized void add(Planned index) {
            members.putIfAbsent(index.getName(), index);
        }

        synchronized void remove(Planned index) {
            members.remove(index.getName(), index);
        }

        /** Whether {@code index} is the cheapest (earliest among equals) able to answer {@code query}. */
        synchronized boolean best(Planned index, Document query) {
            long mine = index.cost(query);
            if (mine == Long.MAX_VALUE) {
                return false;
            }
            boolean before = true;
            for (Planned other : members.values()) {
                if (other == index) {
                    before = false;
                    continue;
                }
                long theirs = other.cost(query);
                if (before ? theirs <= mine : theirs < mine) {
                    return false;
                }
            }
            return true;
        }
    }
}
