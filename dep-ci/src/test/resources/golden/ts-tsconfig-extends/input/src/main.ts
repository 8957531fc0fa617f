import { u } from '~/util/strings';
