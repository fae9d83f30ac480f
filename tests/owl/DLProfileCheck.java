// OWL 2 DL profile check with the OWL API that owlready2 ships (inside its HermiT.jar): no download, no network.
// Run with Java's source launcher:  java -cp HermiT.jar DLProfileCheck.java ontology.owl
// Prints one line per violation ("VIOLATION<TAB>kind<TAB>text") and a last line "IN_PROFILE<TAB>true|false<TAB>axioms".
import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class DLProfileCheck {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(args[0]));
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
        for (OWLProfileViolation v : report.getViolations()) {
            System.out.println("VIOLATION\t" + v.getClass().getSimpleName() + "\t" + v.toString().replace('\n', ' '));
        }
        System.out.println("IN_PROFILE\t" + report.isInProfile() + "\t" + ontology.getAxiomCount());
    }
}
