// The learned readers: intent and contextDependent, each a softmax model over the post's features
// (features.ts), trained at start on the project's own example posts (training/). The phrase rules
// stay the first reader of intent: where a rule spoke, its verdict stands; where none did, the model
// decides, and a post it is unsure of is 'other'. Chat and news lean on the thread in ways no phrase
// rule sees (answers, reactions, pointers), so the context model reads those. The models'
// probabilities are temperature-scaled so that the parse's confidence means what it says.
import type { Segmenter } from '../text/segmenter.ts';
import { SoftmaxModel, trainSoftmax, type Example, type SoftmaxData } from '../text/softmax.ts';
import type { Category, Intent } from '../types.ts';
import { chatContext } from './context.ts';
import { JointFeatureIds } from './feature-ids.ts';
import { emitPostFeatures, postFeatures, type RuleReading } from './features.ts';
import { trainingPosts } from './training/index.ts';

/** What the parser knows of a post before the learned readers: the masked text, items, the rules' reading. */
export interface PostReading {
  masked: string;
  categories: Category[];
  rule: RuleReading;
  /** The rules' contextDependent for a given intent. */
  ruleContext: (intent: Intent) => boolean;
}

export interface Verdict {
  intent: Intent;
  confidence: number;
  contextDependent: boolean;
}

/**
 * Temperatures fitted on held-out folds of the training posts (test/domain/parse-readers.test.ts
 * refits them and fails when the corpus has moved them): the raw models are overconfident.
 */
export const INTENT_TEMPERATURE = 2.2;
export const CONTEXT_TEMPERATURE = 3.75;
/** Where no rule spoke, the model's intent is taken from this calibrated probability; below it, 'other'. */
const UNDECIDED_AT = 0.6;
/**
 * A chat or news post leans on the thread from this calibrated probability. Raised from 0.62 with the
 * real-style corpus: standalone sighs and remarks sat just above the old line.
 */
const CONTEXT_AT = 0.64;
// A post that introduces what it speaks of (社区里有位老人…, 各位邻居, @所有人) opens a topic.
// News whose subject is an institution (药店说… / 社区明天发…) is told to the group, not answered.
// Greetings and wishes to the group (晚安 / 早上好 / 祝大家…) answer no one.
const OPENS_TOPIC =
  /^(@所有人|所有人|各位|大家好|家人们|邻居们|亲们|通知|紧急|求助|晚安|早安|午安|早上好|中午好|晚上好|祝大家|祝各位|祝邻居)|^(社区|物业|居委会?|街道|药店|药房|大药房|医院|卫生院|卫生站|卫生服务|超市|网格员)[^,，。!！?？\s]{0,8}(说|通知|发放|到货|补货|明天|今天|今晚|明早|下午|上午|下周|本周)|^[^,，。!！?？\s]{0,8}有(位|个|一位|一个|一辆|一只)/;
// 我家也… / 我们也… / 也是: "me too" only makes sense after someone else's post.
// 我家宝宝也… / 我爸也…: the household member may stand between.
const ME_TOO = /(我|我家|我们|我们家|咱家)[^,，。!！?？\s也]{0,3}(也|都也)|^也是|^同上|^\+1/;
// Laughter, emoji and stickers alone ([强][强], 😂😂, 哈哈哈) answer nothing in particular.
const CONTENTLESS = /^([哈嘿呵嘻]+|\[[^\]]{1,4}\]|[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f]|[\s!！~～.。])+$/u;

export interface Readers {
  read(post: PostReading): Verdict;
  /** Temperatures refitted on held-out folds of the training posts (slow: for tests and eval). */
  fitTemperatures(): { intent: number; context: number };
  /** What training gave (or what was handed in), for storing. */
  readonly models: ReaderModels;
}

/** What training gives: both models' raw numbers and the rules' precision. A build step stores it. */
export interface ReaderModels {
  intent: SoftmaxData;
  context: SoftmaxData;
  rulePrecision: [Intent, number][];
}

function featureReaders(segmenter: Segmenter) {
  const features = (r: PostReading) => postFeatures(r.masked, r.categories, r.rule, segmenter);
  const contextFeatures = (r: PostReading, intent: Intent, own = features(r)) => [...own, ...contextExtras(r, intent)];
  return { features, contextFeatures };
}

/** What the context reader reads besides the post's own features. */
function contextExtras(r: PostReading, intent: Intent): string[] {
  return [`intent:${intent}`, `rulectx:${r.ruleContext(intent)}`];
}

/** The models' places in the joint feature numbering. */
const INTENT = 0;
const CONTEXT = 1;

function trainingExamples(readPost: (text: string) => PostReading, segmenter: Segmenter) {
  const { features, contextFeatures } = featureReaders(segmenter);
  const posts = trainingPosts().map((p) => ({ ...p, reading: readPost(p.text) }));
  return {
    rulePrecision: rulePrecision(posts),
    // The chat corpus teaches context only: as intent examples it made real posts read worse.
    intent: posts.filter((p) => !p.contextOnly).map((p): Example => ({ features: features(p.reading), label: p.intent })),
    context: posts
      .filter((p) => p.contextDependent !== null)
      .map((p): Example => ({ features: contextFeatures(p.reading, p.intent), label: String(p.contextDependent) })),
  };
}

/** How often each intent the rules decide is right on the training posts (Laplace-smoothed). */
function rulePrecision(posts: { intent: Intent; reading: PostReading }[]): Map<Intent, number> {
  const out = new Map<Intent, number>();
  for (const said of new Set(posts.map((p) => p.reading.rule.intent))) {
    const decided = posts.filter((p) => p.reading.rule.decided && p.reading.rule.intent === said);
    out.set(said, (decided.filter((p) => p.intent === said).length + 1) / (decided.length + 2));
  }
  return out;
}

function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

/** Trains on the example posts, or takes `pretrained` (what an earlier training gave) and skips training. */
export function trainReaders(readPost: (text: string) => PostReading, segmenter: Segmenter, pretrained?: ReaderModels): Readers {
  const training = once(() => trainingExamples(readPost, segmenter));
  const models: ReaderModels = pretrained ?? {
    intent: trainSoftmax(training().intent).data(),
    context: trainSoftmax(training().context).data(),
    rulePrecision: [...training().rulePrecision],
  };
  // Built on first use: a run of posts the phrase rules decide never needs them.
  const intentModel = once(() => SoftmaxModel.fromData(models.intent, INTENT_TEMPERATURE));
  const contextModel = once(() => SoftmaxModel.fromData(models.context, CONTEXT_TEMPERATURE));
  const featureIds = once(() => new JointFeatureIds([models.intent.features, models.context.features]));
  const precision = new Map(models.rulePrecision);
  /** Context ids: the post's own features (joint ids looked up once), then the context's two. */
  const contextIds = (own: number[], post: PostReading, intent: Intent): number[] => {
    const ids = [...own];
    for (const f of contextExtras(post, intent)) {
      const j = featureIds().idsOf([f])[0];
      if (j !== undefined && !ids.includes(j)) ids.push(j);
    }
    return featureIds().forModel(CONTEXT, ids);
  };

  /** The joint ids of idsOf(features(post)), without naming the features. */
  const postIds = (post: PostReading): number[] => {
    const sink = featureIds().sink();
    emitPostFeatures(post.masked, post.categories, post.rule, segmenter, sink);
    return sink.ids;
  };

  return {
    models,
    read(post) {
      // Where a rule spoke, its measured precision is the confidence, and the intent model is not run.
      let intent = post.rule.intent;
      let confidence = precision.get(intent) ?? 0.5;
      // Both models read the same features (jieba's words included): computed and looked up once.
      let own: number[] | undefined;
      const features = () => (own ??= postIds(post));
      if (!post.rule.decided) {
        const guess = intentModel().predictIds(featureIds().forModel(INTENT, features()));
        intent = guess.probability >= UNDECIDED_AT ? (guess.label as Intent) : 'other';
        confidence = guess.distribution[intentModel().classes.indexOf(intent)] ?? 0;
      }
      const chat = intent === 'info' || intent === 'other';
      // A few shapes settle a chat post before the model (context.ts: chatContext).
      const shape = chat ? chatContext(post.masked, intent) : undefined;
      const contextDependent = chat
        ? (shape ??
          (!CONTENTLESS.test(post.masked) &&
            !OPENS_TOPIC.test(post.masked) &&
            (ME_TOO.test(post.masked) || contextModel().probabilityOfIds(contextIds(features(), post, intent), 'true') >= CONTEXT_AT)))
        : post.ruleContext(intent);
      return { intent, confidence: Math.round(confidence * 1000) / 1000, contextDependent };
    },
    fitTemperatures() {
      return {
        intent: trainSoftmax(training().intent, { calibrationFolds: 5 }).temperature,
        context: trainSoftmax(training().context, { calibrationFolds: 5 }).temperature,
      };
    },
  };
}
