import type { Channel } from '../../../src-shared/ipc/channels';
import type { ChannelOutput, ChannelParsedInput } from '../../../src-shared/ipc/contract';
import type { HandlerContext } from '../context';

export type Handler<C extends Channel> = (
  input: ChannelParsedInput<C>,
  ctx: HandlerContext,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

export type HandlerMap<K extends Channel> = { [C in K]: Handler<C> };
