import { strategyLabel, type Recommendation } from './recommend';

/**
 * The recommendation as the screen and the PDF's first page show it: the sentence, then its parts as a list a
 * planner can read off (deploy, cost, margins, headroom, why, assumptions, caution), or, when nothing met the
 * SLOs, each strategy's closest miss with what would make it pass.
 */
export function RecommendationView({ rec, className, label = true }: { rec: Recommendation; className?: string; label?: boolean }) {
  return (
    <div className={`${className ?? 'recommendation'}${rec.strategy ? '' : ' none'}`} data-testid="recommendation">
      <p>{label && <><b>Recommendation.</b> </>}{rec.sentence}</p>
      {rec.facts.length > 0 && (
        <dl className="rec-facts" data-testid="recommendation-facts">
          {rec.facts.map((f) => (
            <div key={f.label} className={f.label === 'Caution' ? 'rec-caution' : undefined}>
              <dt>{f.label}</dt>
              <dd>{f.text}</dd>
            </div>
          ))}
        </dl>
      )}
      {rec.misses.length > 0 && (
        <ul className="rec-misses" data-testid="closest-misses">
          {rec.misses.map((m) => (
            <li key={m.strategy} data-strategy={m.strategy}>
              <b>{strategyLabel(m.strategy)}</b>
              {m.deployment && <> on {m.deployment.label}</>}
              {m.missed.length > 0 && <>: misses {m.missed.join(', ')}</>}
              {m.remedies.length > 0 && <>. Passes with {m.remedies.join('; or ')}.</>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
