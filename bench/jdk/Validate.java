import java.io.File;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * Validates files against one XSD with the JDK's javax.xml.validation, the
 * engine HMRC's services run, and prints how long that took inside the JVM
 * (schema compilation included, JVM start-up excluded).
 * Usage: java -cp DIR Validate SCHEMA FILE...
 */
public class Validate {
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Schema schema = sf.newSchema(new File(args[0]));
        int invalid = 0;
        for (int i = 1; i < args.length; i++) {
            Validator v = schema.newValidator();
            final int[] errors = {0};
            v.setErrorHandler(new ErrorHandler() {
                public void warning(SAXParseException e) {}
                public void error(SAXParseException e) { errors[0]++; }
                public void fatalError(SAXParseException e) throws SAXParseException { throw e; }
            });
            try {
                v.validate(new StreamSource(new File(args[i])));
            } catch (SAXParseException e) {
                errors[0]++;
            }
            if (errors[0] > 0) invalid++;
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("files=" + (args.length - 1) + " invalid=" + invalid + " inprocess_ms=" + ms);
    }
}
