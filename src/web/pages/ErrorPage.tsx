/** The page shown for any error: the translated message, never a stack trace. */
import { Layout, type PageContext } from '../components/Layout.tsx';

export function ErrorPage(props: { context: PageContext; title: string; message: string }) {
  return (
    <Layout context={props.context} title={props.title} narrow>
      <p>{props.message}</p>
      <p>
        <a href="/">{props.context.t('error.backHome')}</a>
      </p>
    </Layout>
  );
}
